import type { PipelineLookup } from '../../pipeline/calls.ts';
import type { NodeId, RunId } from '../../pipeline/ids.ts';
import type { Env, NodeDefinition } from '../../pipeline/node-type.ts';
import type { NodeError, RunEvent, RunStatus } from '../../pipeline/events.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { ImageValue, Value } from '../../pipeline/values.ts';

/** Finds node types by id; the engine and the checks only ever look types up through it. */
export interface NodeTypeLookup {
  get(type: string): NodeDefinition<any> | undefined;
}

/** Holds node results between runs, keyed by a hash of type, version, params and input keys. */
export interface ResultCache {
  get(key: string): Record<string, Value | undefined> | undefined;
  set(key: string, outputs: Record<string, Value | undefined>): void;
}

export interface RunOptions {
  registry: NodeTypeLookup;
  /** Values of the pipeline's input nodes, by their `name` param. */
  inputs?: Record<string, Value>;
  runId?: RunId;
  signal?: AbortSignal;
  /** Called synchronously for every event, in order. */
  onEvent?: (event: RunEvent) => void;
  /** Nodes that may run at once. */
  concurrency?: number;
  /** Default time-out of one node attempt, when its policy sets none. */
  nodeTimeoutMs?: number;
  /** Cap on the bytes of values a run may hold at once. */
  maxBytes?: number;
  cache?: ResultCache;
  /** Cache non-deterministic nodes too. */
  cacheAll?: boolean;
  /** Run only what this node needs (run to here). */
  runTo?: NodeId;
  /** Recompute this node and everything after it, reusing the cache upstream (run from here). */
  runFrom?: NodeId;
  env?: Env;
  /**
   * The saved pipelines that `pipeline.call` nodes run. Without it such nodes cannot run (the
   * check reports them). A called pipeline runs with the same registry, cache, env, signal,
   * time-out and concurrency budget, and `cacheAll`.
   */
  pipelines?: PipelineLookup;
  /** The saved id of the pipeline being run, if it is saved: a call of itself is then refused. */
  pipelineId?: string;
  /**
   * Where an image output can be fetched while the run goes on. Called for each image output of
   * a finished node (cached or not) before its `node.finished` event; the result becomes that
   * preview's `url`. The server saves the image as an artifact and answers with its address.
   */
  imageUrl?: (nodeId: NodeId, port: string, image: ImageValue) => string | undefined;
}

export type NodeStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled' | 'not_run';

export interface NodeOutcome {
  status: NodeStatus;
  cached: boolean;
  durationMs: number;
  attempts: number;
  outputs?: Record<string, Value | undefined>;
  error?: NodeError;
  skippedReason?: string;
}

export interface RunResult {
  runId: RunId;
  status: RunStatus;
  /** Values of the pipeline's output nodes, by their `name` param. */
  outputs: Record<string, Value>;
  nodes: Record<string, NodeOutcome>;
  durationMs: number;
  error?: NodeError & { nodeId?: NodeId };
}

/** The engine's one entry point; the server, the CLI and the tests all call it. */
export type RunPipeline = (pipeline: PipelineFile, options: RunOptions) => Promise<RunResult>;
