import { useEffect } from 'react';
import { useEditor } from '../../store/index.ts';
import { formatDuration } from '../node/StatusBadge.tsx';

function when(at: number): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

/** Past runs, newest first; opening one shows its node states and outputs again. */
export function RunHistory() {
  const runs = useEditor((s) => s.runHistory);
  const current = useEditor((s) => s.run?.id);
  const loadRunHistory = useEditor((s) => s.loadRunHistory);
  const openRun = useEditor((s) => s.openRun);
  useEffect(() => void loadRunHistory(), [loadRunHistory]);

  return (
    <div className="wlist">
      <ul>
        {runs.map((run) => (
          <li key={run.id} className={`wlist-row${run.id === current ? ' current' : ''}`}>
            <button className="wlist-main" onClick={() => void openRun(run.id)}>
              <span className="wlist-name">
                <span className={`wbadge wbadge-${run.status}`}>{run.status}</span>{' '}
                {run.pipelineName}
              </span>
              <span className="wlist-sub">
                {when(run.startedAt)}
                {run.durationMs !== null && ` · ${formatDuration(run.durationMs)}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {runs.length === 0 && <p className="wempty">No runs yet.</p>}
    </div>
  );
}
