import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { checkPipeline } from '../../pipeline/check.ts';
import type { CheckOptions } from '../../pipeline/check.ts';
import { nodeId, runId as toRunId } from '../../pipeline/ids.ts';
import type { RunStatus } from '../../pipeline/events.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { Inherited, RunContext } from './context.ts';
import { EventLog } from './events.ts';
import { startNode } from './node-run.ts';
import { makePlan } from './plan.ts';
import { schedule } from './scheduler.ts';
import { Slots } from './slots.ts';
import type { RunOptions, RunPipeline, RunResult } from './types.ts';

/** Nodes that run at once when the caller sets no limit. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Runs a pipeline: checks it, then starts every node whose inputs are ready, up to the
 * concurrency limit, and reports each step as an event. Resolves with the run's status and its
 * named outputs; never rejects for anything a node or the file does wrong.
 */
export const runPipeline: RunPipeline = (pipeline, options) =>
  runWithin(pipeline, options, undefined);

/** A run, on its own or as the called pipeline of another run's node. */
async function runWithin(
  pipeline: PipelineFile,
  options: RunOptions,
  inherited: Inherited | undefined,
): Promise<RunResult> {
  const started = performance.now();
  const id = options.runId ?? toRunId(randomUUID());
  const events = new EventLog(id, options.onEvent);

  const checked = checkPipeline(pipeline, options.registry, checkOptions(options));
  const target = options.runTo ?? options.runFrom;
  const unknownTarget =
    target !== undefined && !checked.pipeline?.nodes.some((n) => n.id === target);
  if (!checked.pipeline || checked.problems.length > 0 || unknownTarget) {
    const message = unknownTarget
      ? `the run was asked to start or stop at node \`${target}\`, which is not in the pipeline`
      : `the pipeline cannot run: ${checked.problems.map((p) => p.message).join('; ')}`;
    const error = { code: unknownTarget ? 'unknown_node' : 'invalid_pipeline', message };
    events.emit({ type: 'run.started', pipeline: pipeline?.name ?? '', nodes: [] });
    const durationMs = performance.now() - started;
    events.emit({ type: 'run.finished', status: 'failed', durationMs, outputs: {}, error });
    return { runId: id, status: 'failed', outputs: {}, nodes: {}, durationMs, error };
  }

  const valid = checked.pipeline;
  const plan = makePlan(valid, options.registry, options.runTo, options.runFrom, options.pipelines);
  const controller = new AbortController();
  // Every node in flight listens on the run's signal; a wide fan-out is not a leak.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const run: RunContext = {
    runId: id,
    options,
    plan,
    events,
    signal: controller.signal,
    cache: options.cache,
    states: new Map(),
    outcomes: {},
    outputs: {},
    outputPreviews: {},
    held: 0,
    slots: inherited?.slots ?? new Slots(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)),
    callStack:
      inherited?.callStack ?? (options.pipelineId === undefined ? [] : [options.pipelineId]),
    runChild: runWithin,
  };
  for (const node of valid.nodes) {
    run.outcomes[node.id] = { status: 'not_run', cached: false, durationMs: 0, attempts: 0 };
  }

  events.emit({ type: 'run.started', pipeline: valid.name, nodes: plan.order.map(nodeId) });
  try {
    await schedule(plan, run.slots, run.signal, (nodeId_) => startNode(run, nodeId_));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return finishRun(run, started);
}

function checkOptions({ env, pipelines, pipelineId }: RunOptions): CheckOptions {
  const options: CheckOptions = {};
  if (env) options.env = env;
  if (pipelines) options.pipelines = pipelines;
  if (pipelineId !== undefined) options.pipelineId = pipelineId;
  return options;
}

function finishRun(run: RunContext, started: number): RunResult {
  const cancelled = run.signal.aborted;
  if (cancelled) {
    // Nodes that never started say why, so every node of the run ends with an event.
    for (const id of run.plan.order) {
      if (run.states.has(id)) continue;
      const reason = 'the run was cancelled before this node started';
      run.outcomes[id] = {
        status: 'cancelled',
        cached: false,
        durationMs: 0,
        attempts: 0,
        skippedReason: reason,
      };
      run.events.emit({ type: 'node.skipped', nodeId: nodeId(id), reason });
    }
  }
  const status: RunStatus = cancelled ? 'cancelled' : run.failure ? 'failed' : 'succeeded';
  const durationMs = performance.now() - started;
  const outputs = run.outputPreviews;
  const error = cancelled ? { code: 'cancelled', message: 'the run was cancelled' } : run.failure;
  run.events.emit({
    type: 'run.finished',
    status,
    durationMs,
    outputs,
    ...(error ? { error } : {}),
  });
  const result: RunResult = {
    runId: run.runId,
    status,
    outputs: run.outputs,
    nodes: run.outcomes,
    durationMs,
  };
  if (error) result.error = error;
  return result;
}
