import { nodeId } from '../../pipeline/ids.ts';
import type { NodeContext } from '../../pipeline/node-type.ts';
import type { Value } from '../../pipeline/values.ts';
import { DEFAULT_BACKOFF_MS, withRetries } from './attempt.ts';
import type { Outputs, RunContext } from './context.ts';
import type { PlannedNode } from './plan.ts';

/** One call of the node's `run`, with the policy's time-out and retries. */
export function runOnce(
  run: RunContext,
  planned: PlannedNode,
  inputs: Record<string, Value | undefined>,
  context: NodeContext,
  item: number | undefined,
): Promise<{ value: Outputs; attempts: number }> {
  const { node, definition, name } = planned;
  const nodeId_ = nodeId(node.id);
  const at = item === undefined ? {} : { item };
  return withRetries((signal) => definition.run({ inputs, params: node.params, signal, context }), {
    name: item === undefined ? name : `${name}: item ${item}`,
    runSignal: run.signal,
    timeoutMs: node.policy?.timeoutMs ?? run.options.nodeTimeoutMs,
    retries: node.policy?.retries ?? 0,
    backoffMs: node.policy?.backoffMs ?? DEFAULT_BACKOFF_MS,
    onStart: (attempt) =>
      run.events.emit({ type: 'node.started', nodeId: nodeId_, attempt, ...at }),
    onRetry: (error, attempt, durationMs) =>
      run.events.emit({
        type: 'node.failed',
        nodeId: nodeId_,
        durationMs,
        error,
        attempt,
        willRetry: true,
        ...at,
      }),
  });
}
