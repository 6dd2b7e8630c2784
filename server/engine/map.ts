import { CancelledError, InputError, NodeRunError } from '../../pipeline/errors.ts';
import { nodeId } from '../../pipeline/ids.ts';
import type { NodeContext } from '../../pipeline/node-type.ts';
import type { JsonValue, Value } from '../../pipeline/values.ts';
import { AttemptError, describeError } from './attempt.ts';
import type { Outputs, RunContext } from './context.ts';
import { runOnce } from './node-attempt.ts';
import type { PlannedNode } from './plan.ts';

/** How many failed items a node's error message spells out; the rest are counted. */
const ITEMS_NAMED = 5;

/**
 * Runs a node once per item of the list on its mapped input, at most `map.concurrency` at a
 * time, and hands on each output as a list in the order of the items. Every item is processed,
 * however many fail; the node then fails naming each failed item's index.
 */
export async function runMapped(
  run: RunContext,
  planned: PlannedNode,
  inputs: Record<string, Value | undefined>,
  context: NodeContext,
): Promise<{ value: Outputs; attempts: number }> {
  const { node, name } = planned;
  const map = node.map as NonNullable<typeof node.map>;
  const list = inputs[map.port];
  if (!Array.isArray(list)) {
    const got =
      list === undefined ? 'nothing' : typeof list === 'object' ? 'an object' : `a ${typeof list}`;
    throw new InputError(
      `${name}: input \`${map.port}\` must be a list to map over, but it got ${got}`,
    );
  }

  const results: Outputs[] = new Array<Outputs>(list.length);
  const failures: { index: number; message: string }[] = [];
  let next = 0;
  let attempts = 0;
  const worker = async () => {
    while (next < list.length && !run.signal.aborted) {
      const index = next++;
      // Without a prototype, like the inputs the engine gathered.
      const itemInputs = Object.assign(Object.create(null), inputs, { [map.port]: list[index] });
      try {
        const result = await runOnce(run, planned, itemInputs, context, index);
        attempts = Math.max(attempts, result.attempts);
        results[index] = result.value ?? {};
      } catch (error) {
        const described = error instanceof AttemptError ? error.error : describeError(error, name);
        attempts = Math.max(attempts, error instanceof AttemptError ? error.attempts : 1);
        failures.push({ index, message: described.message });
        run.events.emit({
          type: 'node.failed',
          nodeId: nodeId(node.id),
          durationMs: 0,
          error: described,
          attempt: error instanceof AttemptError ? error.attempts : 1,
          willRetry: false,
          item: index,
        });
      }
    }
  };
  const workers = Math.min(map.concurrency, list.length);
  await Promise.all(Array.from({ length: workers }, worker));

  if (run.signal.aborted) throw new CancelledError();
  if (failures.length > 0) throw itemsFailed(name, failures, list.length);

  const outputs: Outputs = {};
  for (const port of planned.ports.outputs) {
    // A list cannot hold "no value": an item that gave none shows as null, keeping positions.
    outputs[port.id] = results.map((result) =>
      Object.hasOwn(result, port.id) ? ((result[port.id] ?? null) as JsonValue) : null,
    );
  }
  return { value: outputs, attempts };
}

function itemsFailed(
  name: string,
  failures: { index: number; message: string }[],
  total: number,
): NodeRunError {
  failures.sort((a, b) => a.index - b.index);
  const prefix = `${name}: item `;
  const named = failures
    .slice(0, ITEMS_NAMED)
    .map(({ index, message }) => {
      const detail = message.startsWith(`${prefix}${index}: `)
        ? message.slice(`${prefix}${index}: `.length)
        : message;
      return `item ${index}: ${detail}`;
    })
    .join('; ');
  const more = failures.length > ITEMS_NAMED ? `; and ${failures.length - ITEMS_NAMED} more` : '';
  const count = `${failures.length} of ${total} items failed`;
  return new NodeRunError('item_failed', `${name}: ${count}: ${named}${more}`);
}
