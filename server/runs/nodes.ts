import type { RunEvent } from '../../pipeline/events.ts';
import type { NodeOutcome } from '../engine/types.ts';
import type { NodeRecord } from '../storage/history.ts';
import type { StoredValue } from './stored.ts';

const blank = (): NodeRecord => ({
  status: 'running',
  cached: false,
  durationMs: null,
  attempts: 0,
  error: null,
  skippedReason: null,
  outputs: {},
});

/**
 * Every node's state as the events so far tell it, with previews as outputs. Used for a run
 * still going on and for one the server was killed during.
 */
export function nodesFromEvents(events: readonly RunEvent[]): Record<string, NodeRecord> {
  const nodes: Record<string, NodeRecord> = {};
  const node = (id: string) => (nodes[id] ??= blank());
  for (const event of events) {
    switch (event.type) {
      case 'node.started':
        Object.assign(node(event.nodeId), { status: 'running', attempts: event.attempt });
        break;
      case 'node.finished':
        Object.assign(node(event.nodeId), {
          status: 'succeeded',
          cached: event.cached,
          durationMs: event.durationMs,
          error: null,
          outputs: event.outputs as Record<string, StoredValue>,
        });
        break;
      case 'node.failed':
        Object.assign(node(event.nodeId), {
          status: event.willRetry ? 'running' : 'failed',
          durationMs: event.durationMs,
          attempts: event.attempt,
          error: event.error,
        });
        break;
      case 'node.skipped':
        Object.assign(node(event.nodeId), { status: 'skipped', skippedReason: event.reason });
        break;
      default:
        break;
    }
  }
  return nodes;
}

/** A node's outcome from the engine, with its outputs already stored. */
export function nodeRecord(outcome: NodeOutcome, outputs: Record<string, StoredValue>): NodeRecord {
  return {
    status: outcome.status,
    cached: outcome.cached,
    durationMs: outcome.durationMs,
    attempts: outcome.attempts,
    error: outcome.error ?? null,
    skippedReason: outcome.skippedReason ?? null,
    outputs,
  };
}

/** Marks nodes still running when a run stopped without saying how they ended. */
export function stopRunning(
  nodes: Record<string, NodeRecord>,
  status: 'cancelled' | 'failed',
): Record<string, NodeRecord> {
  for (const node of Object.values(nodes)) if (node.status === 'running') node.status = status;
  return nodes;
}
