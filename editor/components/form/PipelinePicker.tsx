import { useEffect } from 'react';
import { useEditor } from '../../store/index.ts';

interface Props {
  id: string;
  value: unknown;
  disabled?: boolean | undefined;
  onChange(value: unknown): void;
}

/**
 * A choice of the pipelines saved on the server, for a param marked `x-weft-widget: pipeline`.
 * The pipeline on the canvas is left out: a pipeline that calls itself never ends.
 */
export function PipelinePicker({ id, value, disabled, onChange }: Props) {
  const pipelines = useEditor((s) => s.pipelines);
  const current = useEditor((s) => s.pipelineId);
  const refreshPipelines = useEditor((s) => s.refreshPipelines);
  // Saved since the list was loaded, perhaps in another tab.
  useEffect(() => void refreshPipelines(), [refreshPipelines]);

  const chosen = typeof value === 'string' ? value : '';
  const offered = pipelines.filter((p) => p.id !== current);
  const missing = chosen !== '' && !offered.some((p) => p.id === chosen);
  return (
    <div className="wpicker">
      <select id={id} disabled={disabled} value={chosen} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a saved pipeline…</option>
        {offered.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.id})
          </option>
        ))}
        {missing && (
          <option value={chosen}>
            {chosen} (
            {chosen === current ? 'this pipeline: a call of itself never ends' : 'not saved here'})
          </option>
        )}
      </select>
      {chosen !== '' && (
        <button
          type="button"
          className="wbutton-small"
          disabled={disabled}
          title="Read the pipeline's inputs and outputs again, after it was changed"
          onClick={() => onChange(chosen)}
        >
          Update ports
        </button>
      )}
    </div>
  );
}
