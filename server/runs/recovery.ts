import type { RunEvent } from '../../pipeline/events.ts';
import { runId } from '../../pipeline/ids.ts';
import type { RunHistory } from '../storage/history.ts';
import { nodesFromEvents, stopRunning } from './nodes.ts';

const INTERRUPTED = {
  code: 'interrupted',
  message: 'the server stopped while this run was in progress; run the pipeline again',
};

/**
 * Closes the runs a killed server left marked as running: each becomes `interrupted`, keeps the
 * node results its events recorded, and gets a final event so its event stream ends.
 */
export function markInterrupted(history: RunHistory): string[] {
  const ids = history.running();
  for (const id of ids) {
    const events = history.events(id);
    const record = history.get(id);
    if (!record) continue;
    const last = events.at(-1);
    const finishedAt = last?.at ?? record.startedAt;
    const finished: RunEvent = {
      type: 'run.finished',
      runId: runId(id),
      seq: (last?.seq ?? -1) + 1,
      at: finishedAt,
      status: 'interrupted',
      durationMs: finishedAt - record.startedAt,
      outputs: {},
      error: INTERRUPTED,
    };
    history.appendEvents(id, [finished]);
    history.finish(id, {
      status: 'interrupted',
      finishedAt,
      durationMs: finishedAt - record.startedAt,
      error: INTERRUPTED,
      outputs: {},
      nodes: stopRunning(nodesFromEvents(events), 'cancelled'),
    });
  }
  return ids;
}
