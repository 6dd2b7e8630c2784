import { useEditor } from '../../store/index.ts';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The node's state in the current run, in a word or two. */
export function StatusBadge({ nodeId }: { nodeId: string }) {
  const run = useEditor((s) => s.nodeRuns[nodeId]);
  if (!run) return null;
  let text: string = run.status;
  if (run.status === 'running') {
    text = run.fraction === undefined ? 'running' : `running ${Math.round(run.fraction * 100)}%`;
    if ((run.attempt ?? 1) > 1) text += ` (try ${run.attempt})`;
  }
  if (run.status === 'done') {
    text = run.cached ? 'cached' : `done ${formatDuration(run.durationMs ?? 0)}`;
  }
  return (
    <span className={`wbadge wbadge-${run.status}${run.cached ? ' wbadge-cached' : ''}`}>
      {text}
    </span>
  );
}
