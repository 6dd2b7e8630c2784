import type { z } from 'zod';
import type { PortSpec, PortType } from './ports.ts';
import type { Value } from './values.ts';

export const CATEGORIES = [
  'text',
  'image',
  'model',
  'transform',
  'control',
  'output',
  'pipeline',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Input ports that a node grows from its params, declared as data so the editor can compute
 * them without the node's code: one port per `{{name}}` placeholder of a text param
 * (`placeholders`), or one per entry of a list-of-strings param (`list`).
 */
export interface DynamicInputs {
  param: string;
  kind: 'placeholders' | 'list';
  type: PortType;
  /** The grown ports may stay unconnected (e.g. the inputs of `control.merge`). */
  optional?: boolean;
}

/** Output ports grown from a param, declared like `DynamicInputs` (e.g. the cases of a switch). */
export type DynamicOutputs = DynamicInputs;

/** The environment a run sees: provider keys and URLs. Never written to a file, event or log. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What the engine hands a node while it runs. */
export interface NodeContext {
  nodeId: string;
  /** Report progress between 0 and 1, with an optional word on what is happening. */
  progress(fraction: number, message?: string): void;
  /** Stream a partial value of an output port (e.g. tokens of a chat answer) as it arrives. */
  stream(port: string, chunk: string): void;
  /** A note for the run's event log; never a secret. */
  log(message: string): void;
  /** Report usage (tokens, cost) for the node's finished event. */
  usage(usage: Usage): void;
  env: Env;
  /**
   * Runs a saved pipeline to its end with these named inputs and gives its named outputs; it
   * rejects with an error naming the inner node when the pipeline fails. Given by the engine
   * when the run can look saved pipelines up; for node types that declare `calls`.
   */
  runPipeline?(
    id: string,
    inputs: Record<string, Value>,
    signal: AbortSignal,
  ): Promise<Record<string, Value>>;
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
}

export interface RunArgs<P> {
  inputs: Record<string, Value | undefined>;
  params: P;
  signal: AbortSignal;
  context: NodeContext;
}

/** One node type: exported by one file in `nodes/<category>/`, listed in `nodes/index.ts`. */
export interface NodeDefinition<P = Record<string, unknown>> {
  /** `category.name`, e.g. `image.resize`. */
  type: string;
  title: string;
  /** One line: what the node does. */
  description: string;
  category: Category;
  /** Bumped when the node's output for the same inputs and params changes; part of cache keys. */
  version: number;
  inputs: PortSpec[];
  outputs: PortSpec[];
  dynamicInputs?: DynamicInputs;
  dynamicOutputs?: DynamicOutputs;
  /**
   * Marks the pipeline's own inputs and outputs, found by their `name` param. An `input` node
   * receives the run's value of that name as `inputs.value` (undefined when the run gave none);
   * an `output` node's `value` output becomes the run's output of that name.
   */
  io?: 'input' | 'output';
  /** The params, with defaults and limits. Its JSON Schema builds the editor's settings form. */
  params: z.ZodType<P>;
  /**
   * False for a node whose output may differ for the same inputs (a model call with
   * temperature above 0): it is cached only when the pipeline or the run asks for it.
   */
  deterministic?: boolean | ((params: P) => boolean);
  /**
   * The node runs the saved pipeline whose id is in this param (`pipeline.call`). The check
   * then refuses an unknown id and a call that would recurse, matches the node's grown ports
   * (`dynamicInputs`, `dynamicOutputs`) against that pipeline's inputs and outputs and takes
   * their types from it; the engine keys the node's cache on that pipeline's content.
   */
  calls?: { param: string };
  /** Problems that stop a run before it starts, e.g. a provider that is not configured. */
  preflight?(params: P, env: Env): string[];
  run(args: RunArgs<P>): Promise<Record<string, Value | undefined>>;
}

/** A node type as the API describes it to the editor (`GET /api/node-types`). */
export interface NodeTypeInfo {
  type: string;
  title: string;
  description: string;
  category: Category;
  version: number;
  inputs: PortSpec[];
  outputs: PortSpec[];
  dynamicInputs?: DynamicInputs;
  dynamicOutputs?: DynamicOutputs;
  io?: 'input' | 'output';
  /** JSON Schema of the params (draft 2020-12), defaults included. */
  paramsSchema: Record<string, unknown>;
  /** Whether the node can give different outputs for the same inputs. */
  deterministic: boolean | 'depends';
}
