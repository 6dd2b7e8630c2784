import { NodeRunError } from '../../pipeline/errors.ts';
import { nodeId } from '../../pipeline/ids.ts';
import type { NodeContext, Usage } from '../../pipeline/node-type.ts';
import { isImage } from '../../pipeline/values.ts';
import { previewValue } from './preview.ts';
import type { Preview, Value } from '../../pipeline/values.ts';
import { AttemptError, describeError } from './attempt.ts';
import { runOnce } from './node-attempt.ts';
import { NO_VALUE, nodeKey, valueKey } from './cache-key.ts';
import type { Outputs, RunContext } from './context.ts';
import { runMapped } from './map.ts';
import type { PlannedNode } from './plan.ts';
import { MAX_DEPTH, depthOver, outputsSize } from './sizes.ts';
import { subPipelineRunner } from './sub-run.ts';

/**
 * Starts one node: skips it when an upstream node failed or a required input got no value,
 * serves it from the cache when it may, and otherwise runs it. Returns a promise only for real
 * work; the promise never rejects (a failure is recorded, not thrown).
 */
export function startNode(run: RunContext, id: string): Promise<void> | undefined {
  const planned = run.plan.nodes.get(id) as PlannedNode;
  const blocker = blockerOf(run, planned);
  if (blocker !== undefined) {
    skip(run, planned, `\`${blocker}\` failed, so this node cannot run`, blocker);
    return undefined;
  }

  const { inputs, keys, skipReason } = gatherInputs(run, planned);
  if (skipReason !== undefined) {
    skip(run, planned, skipReason);
    return undefined;
  }

  const { node, definition, deterministic } = planned;
  const key = run.cache
    ? nodeKey(definition, node.params, node.map, keys, planned.keyExtra)
    : undefined;
  const cacheable = deterministic || node.policy?.cache === true || run.options.cacheAll === true;
  if (key !== undefined && cacheable && !run.plan.forced.has(id)) {
    const hit = run.cache?.get(key);
    if (hit) {
      try {
        admit(run, planned, hit);
        finish(run, planned, hit, key, { cached: true, durationMs: 0, attempts: 0 });
      } catch (error) {
        fail(run, planned, describeError(error, planned.name), 0, 0);
      }
      return undefined;
    }
  }
  return execute(run, planned, inputs, cacheable ? key : undefined);
}

async function execute(
  run: RunContext,
  planned: PlannedNode,
  inputs: Record<string, Value | undefined>,
  key: string | undefined,
): Promise<void> {
  await yieldNow();
  const started = performance.now();
  let usage: Usage | undefined;
  const context = nodeContext(run, planned, (more) => {
    usage = addUsage(usage, more);
  });
  let attempts = 0;
  try {
    const result = planned.node.map
      ? await runMapped(run, planned, inputs, context)
      : await runOnce(run, planned, inputs, context, undefined);
    attempts = result.attempts;
    const outputs = result.value;
    if (typeof outputs !== 'object' || outputs === null) {
      throw new NodeRunError('no_outputs', `${planned.name} returned no outputs`);
    }
    admit(run, planned, outputs);
    if (key !== undefined) run.cache?.set(key, outputs);
    const durationMs = performance.now() - started;
    finish(run, planned, outputs, key, { cached: false, durationMs, attempts, usage });
  } catch (error) {
    const described =
      error instanceof AttemptError ? error.error : describeError(error, planned.name);
    if (error instanceof AttemptError) attempts = error.attempts;
    fail(run, planned, described, performance.now() - started, attempts);
  }
}

/** How long nodes may follow one another without giving timers and I/O a turn. */
const TURN_MS = 10;
let turnStarted = performance.now();

/**
 * Waits for the event loop's next turn when nodes have kept it busy for a while. Nodes that
 * finish at once hand over to the next through promises, which run before any timer or I/O:
 * without this, a run of many quick nodes (or of sub-pipelines fanning out) would hold off its
 * own time-outs and cancel, and every other request to the server, until it ended.
 */
function yieldNow(): Promise<void> | undefined {
  if (performance.now() - turnStarted < TURN_MS) return undefined;
  return new Promise((resolve) =>
    setImmediate(() => {
      turnStarted = performance.now();
      resolve();
    }),
  );
}

function blockerOf(run: RunContext, planned: PlannedNode): string | undefined {
  for (const edge of planned.incoming) {
    const blocker = run.states.get(edge.source)?.blockedBy;
    if (blocker !== undefined) return blocker;
  }
  return undefined;
}

/**
 * The values on a node's inputs and their keys, and why the node must be skipped, if it must:
 * a required input got no value (a branch not taken upstream), or every connected input got
 * none. A node never runs on empty values, except to fall back from a failure it was told to
 * continue past.
 */
function gatherInputs(run: RunContext, planned: PlannedNode) {
  const { node, definition, inputPorts } = planned;
  // No prototype: a node reading an input named `constructor` that got no value must see
  // undefined, not Object's constructor.
  const inputs: Record<string, Value | undefined> = Object.create(null);
  const keys: Record<string, string> = {};
  let skipReason: string | undefined;
  let empty = 0;
  let afterFailure = false;
  for (const edge of planned.incoming) {
    const source = run.states.get(edge.source);
    let value = own(source?.outputs, edge.sourcePort);
    const port = inputPorts.get(edge.targetPort);
    // A text input takes numbers and booleans, as their text.
    if (port?.type === 'text' && (typeof value === 'number' || typeof value === 'boolean')) {
      value = String(value);
    }
    inputs[edge.targetPort] = value;
    if (run.cache) keys[edge.targetPort] = outputKey(source?.key, edge.sourcePort, value);
    if (value !== undefined) continue;

    empty++;
    afterFailure ||= source?.failed === true;
    const fallback = port?.param !== undefined && node.params[port.param] !== undefined;
    if (port && !port.optional && !fallback) {
      skipReason ??= source?.failed
        ? `input \`${port.id}\` got no value: \`${edge.source}\` failed and its policy is to continue`
        : `branch not taken: input \`${port.id}\` got no value from \`${edge.source}\``;
    }
  }
  if (skipReason === undefined && empty > 0 && empty === planned.incoming.length && !afterFailure) {
    skipReason = 'branch not taken: none of its inputs got a value';
  }
  if (definition.io === 'input') {
    const name = node.params.name;
    const value = typeof name === 'string' ? own(run.options.inputs, name) : undefined;
    inputs.value = value;
    if (run.cache) keys.value = valueKey(value);
  }
  return { inputs, keys, skipReason };
}

/** A record's own value for `key`; names such as `toString` must not come from the prototype. */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The key of one output value: its node's key and the port, or a hash of the value itself. */
function outputKey(nodeKey_: string | undefined, port: string, value: Value | undefined): string {
  if (value === undefined) return NO_VALUE;
  // Outputs of a node that is not cached (non-deterministic) are keyed by content, so what
  // follows is computed again exactly when the value changed.
  return nodeKey_ === undefined ? `v:${valueKey(value)}` : `${nodeKey_}/${port}`;
}

/** Counts a node's outputs against the run's byte cap, and refuses ones nested too deep. */
function admit(run: RunContext, planned: PlannedNode, outputs: Outputs): void {
  for (const [port, value] of Object.entries(outputs)) {
    if (depthOver(value, MAX_DEPTH)) {
      throw new NodeRunError(
        'too_deep',
        `${planned.name}: output \`${port}\` nests lists or objects more than ${MAX_DEPTH} levels deep; make it flatter`,
      );
    }
  }
  const max = run.options.maxBytes;
  if (max === undefined) return;
  const bytes = outputsSize(outputs);
  if (run.held + bytes > max) {
    throw new NodeRunError(
      'too_large',
      `${planned.name}: its outputs (${bytes} bytes) would bring the run to ${run.held + bytes} bytes, over its limit of ${max}; raise the limit or make the values smaller (e.g. resize images first)`,
    );
  }
  run.held += bytes;
}

function finish(
  run: RunContext,
  planned: PlannedNode,
  outputs: Outputs,
  key: string | undefined,
  how: { cached: boolean; durationMs: number; attempts: number; usage?: Usage | undefined },
): void {
  const { node, definition, ports } = planned;
  run.states.set(node.id, { outputs, key });
  run.outcomes[node.id] = {
    status: 'succeeded',
    cached: how.cached,
    durationMs: how.durationMs,
    attempts: how.attempts,
    outputs,
  };
  const previews: Record<string, Preview> = {};
  for (const port of ports.outputs) {
    const value = own(outputs, port.id);
    const url = isImage(value)
      ? run.options.imageUrl?.(nodeId(node.id), port.id, value)
      : undefined;
    previews[port.id] = previewValue(value, url);
  }
  if (definition.io === 'output' && typeof node.params.name === 'string') {
    const value = outputs.value;
    if (value !== undefined) {
      // An output node has no output port, but the editor shows the run's result on it.
      const url = isImage(value)
        ? run.options.imageUrl?.(nodeId(node.id), 'value', value)
        : undefined;
      previews.value ??= previewValue(value, url);
      run.outputs[node.params.name] = value;
      run.outputPreviews[node.params.name] = previews.value;
    }
  }
  run.events.emit({
    type: 'node.finished',
    nodeId: nodeId(node.id),
    durationMs: how.durationMs,
    cached: how.cached,
    outputs: previews,
    ...(how.usage ? { usage: how.usage } : {}),
  });
}

function fail(
  run: RunContext,
  planned: PlannedNode,
  error: { code: string; message: string },
  durationMs: number,
  attempts: number,
): void {
  const { node } = planned;
  const cancelled = run.signal.aborted;
  const carryOn = !cancelled && node.policy?.onFailure === 'continue';
  // A node that continues past its failure hands on empty outputs; otherwise it stops
  // everything downstream of it.
  run.states.set(
    node.id,
    carryOn
      ? { outputs: {}, key: undefined, failed: true }
      : { outputs: {}, key: undefined, blockedBy: node.id },
  );
  run.outcomes[node.id] = {
    status: cancelled ? 'cancelled' : 'failed',
    cached: false,
    durationMs,
    attempts,
    error,
  };
  if (!cancelled && !carryOn) run.failure ??= { ...error, nodeId: nodeId(node.id) };
  run.events.emit({
    type: 'node.failed',
    nodeId: nodeId(node.id),
    durationMs,
    error,
    attempt: attempts,
    willRetry: false,
  });
}

function skip(run: RunContext, planned: PlannedNode, reason: string, blockedBy?: string): void {
  const id = planned.node.id;
  run.states.set(
    id,
    blockedBy === undefined
      ? { outputs: {}, key: undefined }
      : { outputs: {}, key: undefined, blockedBy },
  );
  run.outcomes[id] = {
    status: 'skipped',
    cached: false,
    durationMs: 0,
    attempts: 0,
    skippedReason: reason,
  };
  run.events.emit({ type: 'node.skipped', nodeId: nodeId(id), reason });
}

function nodeContext(
  run: RunContext,
  planned: PlannedNode,
  onUsage: (usage: Usage) => void,
): NodeContext {
  const id = nodeId(planned.node.id);
  const emit = (extra: { fraction?: number; message?: string; port?: string; chunk?: string }) =>
    run.events.emit({ type: 'node.progress', nodeId: id, ...extra });
  const context: NodeContext = {
    nodeId: planned.node.id,
    progress: (fraction, message) =>
      emit(message === undefined ? { fraction } : { fraction, message }),
    stream: (port, chunk) => emit({ port, chunk }),
    log: (message) => emit({ message }),
    usage: onUsage,
    env: run.options.env ?? {},
  };
  const runPipeline = subPipelineRunner(run, planned, context);
  if (runPipeline) context.runPipeline = runPipeline;
  return context;
}

function addUsage(total: Usage | undefined, more: Usage): Usage {
  const sum = (a?: number, b?: number) =>
    a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
  const result: Usage = {};
  const inputTokens = sum(total?.inputTokens, more.inputTokens);
  const outputTokens = sum(total?.outputTokens, more.outputTokens);
  const costUsd = sum(total?.costUsd, more.costUsd);
  if (inputTokens !== undefined) result.inputTokens = inputTokens;
  if (outputTokens !== undefined) result.outputTokens = outputTokens;
  if (costUsd !== undefined) result.costUsd = costUsd;
  return result;
}
