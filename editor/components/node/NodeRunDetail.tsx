import type { NodeTypeInfo } from '../../../pipeline/node-type.ts';
import { useEditor } from '../../store/index.ts';
import { OutputPreview } from './OutputPreview.tsx';

interface Props {
  nodeId: string;
  io: NodeTypeInfo['io'];
  name: unknown;
}

/**
 * What the node has to say about the current run: its error, why it was skipped, its outputs.
 * A pipeline output shows the run's value of its name; a pipeline input shows its value above.
 */
export function NodeRunDetail({ nodeId, io, name }: Props) {
  const run = useEditor((s) => s.nodeRuns[nodeId]);
  const result = useEditor((s) =>
    io === 'output' && typeof name === 'string' ? s.runOutputs[name] : undefined,
  );
  if (!run) return null;
  const outputs = io === 'input' ? {} : (run.outputs ?? {});
  return (
    <div className="wnode-run">
      {run.error && <div className="wnode-error">{run.error}</div>}
      {run.reason && <div className="wnode-skipped">{run.reason}</div>}
      {run.status === 'running' &&
        Object.entries(run.streams ?? {}).map(([port, text]) => (
          <OutputPreview
            key={port}
            port={port}
            preview={{ kind: 'text', text, truncated: false }}
          />
        ))}
      {Object.entries(outputs).map(([port, preview]) => (
        <OutputPreview key={port} port={port} preview={preview} />
      ))}
      {result && Object.keys(outputs).length === 0 && (
        <OutputPreview port={String(name)} preview={result} />
      )}
    </div>
  );
}
