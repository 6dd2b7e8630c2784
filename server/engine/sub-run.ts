import { CancelledError, NodeRunError } from '../../pipeline/errors.ts';
import type { RunEvent } from '../../pipeline/events.ts';
import { runId } from '../../pipeline/ids.ts';
import type { NodeContext } from '../../pipeline/node-type.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { RunContext } from './context.ts';
import type { PlannedNode } from './plan.ts';
import type { RunOptions } from './types.ts';

/** How deep pipelines may call each other; far beyond any real use, well short of the stack. */
export const MAX_CALL_DEPTH = 32;

/**
 * `context.runPipeline` for one node: runs a saved pipeline within this run, sharing its
 * cache, env, time-out and concurrency budget, and reports the called pipeline's nodes as the
 * node's progress. Undefined when the run cannot look saved pipelines up.
 */
export function subPipelineRunner(
  run: RunContext,
  planned: PlannedNode,
  context: NodeContext,
): NodeContext['runPipeline'] {
  const { pipelines } = run.options;
  if (!pipelines) return undefined;
  // A node waiting on its pipelines does no work: it lends its slot to them while any runs
  // (a mapped node may run several at once, but holds one slot).
  let active = 0;

  return async (id, inputs, signal) => {
    const stack = [...run.callStack, id];
    if (run.callStack.includes(id) || stack.length > MAX_CALL_DEPTH) {
      const chain = stack.map((step) => `\`${step}\``).join(' → ');
      const why = run.callStack.includes(id)
        ? 'would never end'
        : `goes over ${MAX_CALL_DEPTH} levels`;
      throw new NodeRunError('recursive_call', `calling pipeline \`${id}\` ${why}: ${chain}`);
    }
    const file = pipelines.get(id);
    if (file === undefined) {
      throw new NodeRunError('unknown_pipeline', `there is no saved pipeline \`${id}\``);
    }

    if (active++ === 0) run.slots.put();
    let result;
    try {
      // The file is as stored; the run checks it like any other before anything starts.
      const options = childOptions(run, planned, id, inputs, signal, context);
      result = await run.runChild(file as PipelineFile, options, {
        slots: run.slots,
        callStack: stack,
      });
    } finally {
      if (--active === 0) run.slots.reclaim();
    }

    if (result.status === 'succeeded') return result.outputs;
    if (result.status === 'cancelled') throw new CancelledError();
    const { code = 'pipeline_failed', message = 'it failed', nodeId } = result.error ?? {};
    // The message names the inner node: "pipeline `b` failed: node `ocr` (image.ocr): ...".
    const verb = nodeId === undefined ? '' : ' failed';
    throw new NodeRunError(code, `pipeline \`${id}\`${verb}: ${message}`);
  };
}

function childOptions(
  run: RunContext,
  planned: PlannedNode,
  id: string,
  inputs: RunOptions['inputs'],
  signal: AbortSignal,
  context: NodeContext,
): RunOptions {
  const parent = run.options;
  const options: RunOptions = {
    registry: parent.registry,
    pipelineId: id,
    runId: runId(`${run.runId}/${planned.node.id}`),
    signal,
    onEvent: progressOf(context),
    cacheAll: parent.cacheAll === true,
  };
  if (inputs) options.inputs = inputs;
  if (parent.pipelines) options.pipelines = parent.pipelines;
  if (run.cache) options.cache = run.cache;
  if (parent.env) options.env = parent.env;
  if (parent.nodeTimeoutMs !== undefined) options.nodeTimeoutMs = parent.nodeTimeoutMs;
  // The called pipeline may hold what the calling run has room left for.
  if (parent.maxBytes !== undefined) options.maxBytes = Math.max(0, parent.maxBytes - run.held);
  return options;
}

/** The called pipeline's events as the calling node's progress, usage and log. */
function progressOf(context: NodeContext): (event: RunEvent) => void {
  let total = 1;
  let settled = 0;
  const step = (message: string) => context.progress(Math.min(1, settled / total), message);
  return (event) => {
    switch (event.type) {
      case 'run.started':
        total = Math.max(1, event.nodes.length);
        return;
      case 'node.progress':
        if (event.message !== undefined) step(`\`${event.nodeId}\`: ${event.message}`);
        return;
      case 'node.finished':
        settled++;
        if (event.usage) context.usage(event.usage);
        return step(`\`${event.nodeId}\` ${event.cached ? 'came from the cache' : 'finished'}`);
      case 'node.failed':
        if (event.willRetry || event.item !== undefined) return;
        settled++;
        return step(`\`${event.nodeId}\` failed`);
      case 'node.skipped':
        settled++;
        return step(`\`${event.nodeId}\` skipped`);
      default:
        return;
    }
  };
}
