import { useEffect, useState } from 'react';
import type { PipelineSummary } from '../../api/client.ts';
import { useEditor } from '../../store/index.ts';

function Row({ item, current }: { item: PipelineSummary; current: boolean }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(item.name);
  const state = useEditor.getState;

  if (renaming) {
    const finish = () => {
      setRenaming(false);
      if (name.trim() && name !== item.name) void state().renameSaved(item.id, name.trim());
    };
    return (
      <li className="wlist-row">
        <input
          autoFocus
          aria-label="New name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={finish}
          onKeyDown={(e) => e.key === 'Enter' && finish()}
        />
      </li>
    );
  }
  return (
    <li className={`wlist-row${current ? ' current' : ''}`} data-pipeline-id={item.id}>
      <button
        className="wlist-main"
        title={item.description ?? item.id}
        onClick={() => state().guard('Open', () => void state().openPipeline(item.id))}
      >
        <span className="wlist-name">{item.name}</span>
        <span className="wlist-sub">{item.id}</span>
      </button>
      <button
        className="wicon"
        title="Rename"
        aria-label={`Rename ${item.name}`}
        onClick={() => setRenaming(true)}
      >
        ✎
      </button>
      <button
        className="wicon danger"
        title="Delete"
        aria-label={`Delete ${item.name}`}
        onClick={() =>
          state().askConfirm({
            message: `Delete the saved pipeline “${item.name}”? This cannot be undone.`,
            action: 'Delete',
            run: () => void state().deleteSaved(item.id),
          })
        }
      >
        🗑
      </button>
    </li>
  );
}

/** The pipelines saved on the server; examples first, as the server lists them. */
export function PipelineList() {
  const pipelines = useEditor((s) => s.pipelines);
  const current = useEditor((s) => s.pipelineId);
  const newPipeline = useEditor((s) => s.newPipeline);
  const guard = useEditor((s) => s.guard);
  const refreshPipelines = useEditor((s) => s.refreshPipelines);
  // Another tab, or `weft`, may have saved one since.
  useEffect(() => void refreshPipelines(), [refreshPipelines]);
  return (
    <div className="wlist">
      <button className="wbutton wide" onClick={() => guard('New', newPipeline)}>
        New pipeline
      </button>
      <ul>
        {pipelines.map((item) => (
          <Row key={item.id} item={item} current={item.id === current} />
        ))}
      </ul>
      {pipelines.length === 0 && <p className="wempty">Nothing saved yet.</p>}
    </div>
  );
}
