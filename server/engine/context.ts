import type { NodeError } from '../../pipeline/events.ts';
import type { NodeId, RunId } from '../../pipeline/ids.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { Preview, Value } from '../../pipeline/values.ts';
import type { EventLog } from './events.ts';
import type { Plan } from './plan.ts';
import type { Slots } from './slots.ts';
import type { NodeOutcome, ResultCache, RunOptions, RunResult } from './types.ts';

export type Outputs = Record<string, Value | undefined>;

/** What one node left for the nodes after it. */
export interface NodeState {
  /** Its output values; `{}` when it was skipped or failed and the run continues past it. */
  outputs: Outputs;
  /** The cache key its outputs are filed under, or undefined when they are keyed by content. */
  key: string | undefined;
  /** The failed node that stops everything downstream of this one. */
  blockedBy?: string;
  /** It failed, and its policy is to continue: its empty outputs are a fallback signal. */
  failed?: boolean;
}

/** What the run of a called pipeline takes over from the run whose node called it. */
export interface Inherited {
  slots: Slots;
  /** Saved ids of the pipelines running further up, outermost first, ending with this one. */
  callStack: string[];
}

/** Everything one run shares between its scheduler and its node runs. */
export interface RunContext {
  runId: RunId;
  options: RunOptions;
  plan: Plan;
  events: EventLog;
  /** Aborts when the caller's signal does. */
  signal: AbortSignal;
  /** The cache, unless the run asked for none. */
  cache: ResultCache | undefined;
  states: Map<string, NodeState>;
  outcomes: Record<string, NodeOutcome>;
  /** Values of the output nodes, by name. */
  outputs: Record<string, Value>;
  /** Their previews, as the output nodes' finished events gave them. */
  outputPreviews: Record<string, Preview>;
  /** Bytes of every value the run holds, for `maxBytes`. */
  held: number;
  /** The first node that failed the run. */
  failure?: NodeError & { nodeId: NodeId };
  /** The concurrency budget, shared with the runs of called pipelines. */
  slots: Slots;
  /** Saved ids of the pipelines running, outermost first; ends with this run's id, if saved. */
  callStack: string[];
  /** Runs a called pipeline (the engine itself, passed in so node code need not import it). */
  runChild(pipeline: PipelineFile, options: RunOptions, inherited: Inherited): Promise<RunResult>;
}
