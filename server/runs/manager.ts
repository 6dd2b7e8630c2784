import { randomUUID } from 'node:crypto';
import type { PipelineLookup } from '../../pipeline/calls.ts';
import type { NodeError, RunEvent } from '../../pipeline/events.ts';
import type { Env } from '../../pipeline/node-type.ts';
import type { NodeId, RunId } from '../../pipeline/ids.ts';
import { runId as toRunId } from '../../pipeline/ids.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { ImageValue, Value } from '../../pipeline/values.ts';
import type {
  NodeTypeLookup,
  ResultCache,
  RunOptions,
  RunPipeline,
  RunResult,
} from '../engine/types.ts';
import type { Logger } from '../logger.ts';
import { extensionOf } from '../storage/artifacts.ts';
import type { ArtifactStore } from '../storage/artifacts.ts';
import type { NodeRecord, RunHistory, RunRecord, RunRequestOptions } from '../storage/history.ts';
import { withArtifactUrls } from './event-urls.ts';
import { LiveRun } from './live.ts';
import { nodeRecord, nodesFromEvents, stopRunning } from './nodes.ts';
import {
  artifactUrl,
  inputArtifactName,
  outputArtifactName,
  runOutputArtifactName,
  storeAll,
} from './stored.ts';

export interface RunManagerDeps {
  history: RunHistory;
  artifacts: ArtifactStore;
  registry: NodeTypeLookup;
  runPipeline: RunPipeline;
  /** The saved pipelines that `pipeline.call` nodes run. */
  pipelines?: PipelineLookup | undefined;
  /** Shared by every run of this process; absent turns caching off. */
  cache?: ResultCache | undefined;
  env: Env;
  logger: Logger;
  concurrency: number;
  nodeTimeoutMs: number;
  retention: { maxAgeDays?: number | undefined; maxCount?: number | undefined };
}

export interface StartRequest {
  pipeline: PipelineFile;
  pipelineId: string | null;
  inputs: Record<string, Value>;
  options: RunRequestOptions;
}

const CANCEL_WAIT_MS = 10_000;

/** Starts runs, keeps the ones in progress, and writes each one's history as it goes. */
export class RunManager {
  readonly #live = new Map<string, LiveRun>();

  constructor(private readonly deps: RunManagerDeps) {}

  /** Records the run, saves its image inputs, and starts it; resolves once it is under way. */
  async start(request: StartRequest): Promise<LiveRun> {
    const { history } = this.deps;
    const id = toRunId(randomUUID());
    const live = new LiveRun(id, Date.now(), (events) => history.appendEvents(id, events));
    const inputs = await storeAll(
      request.inputs,
      (name, ext) => inputArtifactName(name, ext),
      (name, data) => this.#save(live, name, data),
    );
    history.insert({
      id,
      pipelineId: request.pipelineId,
      pipelineName: request.pipeline.name,
      status: 'running',
      startedAt: live.startedAt,
      options: request.options,
      inputs,
      outputs: {},
      pipeline: request.pipeline,
    });
    this.#live.set(id, live);
    live.done = this.#execute(live, request).finally(() => this.#live.delete(id));
    return live;
  }

  live(id: string): LiveRun | undefined {
    return this.#live.get(id);
  }

  /** A run as history has it, with the nodes of a run in progress read from its events. */
  get(id: string): RunRecord | undefined {
    const record = this.deps.history.get(id);
    const live = this.#live.get(id);
    if (record && live && record.status === 'running') record.nodes = nodesFromEvents(live.events);
    return record;
  }

  /** Every event of a run so far; `undefined` for an unknown run. */
  events(id: string): RunEvent[] | undefined {
    const live = this.#live.get(id);
    if (live) return [...live.events];
    return this.deps.history.get(id) ? this.deps.history.events(id) : undefined;
  }

  /** Stops a run in progress and waits (briefly) for it to wind down. */
  async cancel(id: string): Promise<RunRecord | undefined> {
    const live = this.#live.get(id);
    if (!live) return this.get(id);
    live.controller.abort(new Error('the run was cancelled'));
    await waitAtMost(live.done, CANCEL_WAIT_MS);
    return this.get(id);
  }

  /** Cancels every run in progress and waits for them to record how they ended. */
  async close(): Promise<void> {
    const running = [...this.#live.values()];
    for (const live of running) live.controller.abort(new Error('the server is stopping'));
    await waitAtMost(Promise.allSettled(running.map((live) => live.done)), CANCEL_WAIT_MS);
  }

  /** Deletes runs beyond the retention limits, with their artifacts. */
  async prune(): Promise<number> {
    const ids = this.deps.history.prune(this.deps.retention);
    await Promise.all(ids.map((id) => this.deps.artifacts.remove(id)));
    return ids.length;
  }

  async #execute(live: LiveRun, request: StartRequest): Promise<RunRecord> {
    let result: RunResult | undefined;
    let crash: NodeError | undefined;
    try {
      result = await this.deps.runPipeline(request.pipeline, this.#options(live, request));
    } catch (error) {
      // The engine reports node failures as events; a throw here is the engine's own failure.
      this.deps.logger.error({ err: error, runId: live.id }, 'the engine failed');
      crash = { code: 'engine_error', message: `the run stopped: ${(error as Error).message}` };
    }
    try {
      await this.#record(live, result, crash);
    } catch (error) {
      this.deps.logger.error({ err: error, runId: live.id }, 'could not record the run');
    }
    live.end();
    void this.prune().catch((error) => this.deps.logger.warn({ err: error }, 'prune failed'));
    return this.deps.history.get(live.id) as RunRecord;
  }

  #options(live: LiveRun, request: StartRequest): RunOptions {
    const { deps } = this;
    const options: RunOptions = {
      registry: deps.registry,
      inputs: request.inputs,
      runId: live.id,
      signal: live.controller.signal,
      onEvent: (event) => live.push(withArtifactUrls(event, live.id)),
      concurrency: deps.concurrency,
      nodeTimeoutMs: deps.nodeTimeoutMs,
      env: deps.env,
      imageUrl: (nodeId, port, image) => this.#show(live, nodeId, port, image),
    };
    if (deps.pipelines) options.pipelines = deps.pipelines;
    if (request.pipelineId !== null) options.pipelineId = request.pipelineId;
    const { runTo, runFrom, noCache, cacheAll } = request.options;
    if (deps.cache && !noCache) options.cache = deps.cache;
    if (cacheAll) options.cacheAll = true;
    if (runTo !== undefined) options.runTo = runTo as NodeId;
    if (runFrom !== undefined) options.runFrom = runFrom as NodeId;
    return options;
  }

  /** Keeps an image a preview points at in memory and starts writing it. */
  #show(live: LiveRun, nodeId: NodeId, port: string, image: ImageValue): string {
    const name = outputArtifactName(nodeId, port, extensionOf(image.mediaType));
    void this.#save(live, name, image.data).catch((error) =>
      this.deps.logger.warn({ err: error, runId: live.id }, 'could not save an artifact'),
    );
    // `#save` picks the name synchronously, so the alias of bytes seen before is known here.
    const artifact = live.names.get(image.data) ?? name;
    live.images.set(artifact, image);
    return artifactUrl(live.id, artifact);
  }

  /**
   * Writes an artifact once per run, and the same bytes once, and says where it is. `share`
   * false writes under `name` whatever else holds the bytes: the run's outputs are named in
   * `run.finished` before the run ends, so they must exist under exactly that name.
   */
  async #save(live: LiveRun, name: string, data: Uint8Array | string, share = true) {
    const shared = share && typeof data !== 'string' ? live.names.get(data) : undefined;
    const artifact = shared ?? name;
    let saving = live.saved.get(artifact);
    if (!saving) {
      saving = this.deps.artifacts.save(live.id, artifact, data);
      live.saved.set(artifact, saving);
      if (share && typeof data !== 'string') live.names.set(data, artifact);
    }
    await saving;
    return { artifact, url: artifactUrl(live.id, artifact) };
  }

  async #record(live: LiveRun, result: RunResult | undefined, crash: NodeError | undefined) {
    const save = (name: string, data: Uint8Array | string) => this.#save(live, name, data);
    const nodes: Record<string, NodeRecord> = result
      ? {}
      : stopRunning(nodesFromEvents(live.events), 'failed');
    for (const [nodeId, outcome] of Object.entries(result?.nodes ?? {})) {
      const outputs = await storeAll(
        outcome.outputs ?? {},
        (port, ext, item) => outputArtifactName(nodeId, port, ext, item),
        save,
      );
      nodes[nodeId] = nodeRecord(outcome, outputs);
    }
    const outputs = await storeAll(result?.outputs ?? {}, runOutputArtifactName, (name, data) =>
      this.#save(live, name, data, false),
    );
    const finishedAt = Date.now();
    const status = result?.status ?? 'failed';
    const error = result?.error ?? crash ?? null;
    if (!live.events.some((event) => event.type === 'run.finished')) {
      live.push(finishedEvent(live, status, finishedAt, error));
    }
    this.deps.history.finish(live.id, {
      status,
      finishedAt,
      durationMs: result?.durationMs ?? finishedAt - live.startedAt,
      error,
      outputs,
      nodes,
    });
  }
}

function finishedEvent(
  live: LiveRun,
  status: RunRecord['status'],
  at: number,
  error: (NodeError & { nodeId?: NodeId }) | null,
): RunEvent {
  const event: RunEvent = {
    type: 'run.finished',
    runId: live.id as RunId,
    seq: (live.events.at(-1)?.seq ?? -1) + 1,
    at,
    status,
    durationMs: at - live.startedAt,
    outputs: {},
  };
  if (error) event.error = error;
  return event;
}

function waitAtMost(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
