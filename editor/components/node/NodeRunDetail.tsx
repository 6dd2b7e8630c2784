import { useEditor } from '../../store/index.ts';
import { OutputPreview } from './OutputPreview.tsx';

/** What the node has to say about the current run: its error, why it was skipped, outputs. */
export function NodeRunDetail({ nodeId }: { nodeId: string }) {
  const run = useEditor((s) => s.nodeRuns[nodeId]);
  if (!run) return null;
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
      {Object.entries(run.outputs ?? {}).map(([port, preview]) => (
        <OutputPreview key={port} port={port} preview={preview} />
      ))}
    </div>
  );
}
