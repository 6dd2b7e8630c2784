import type { NodeId, RunId } from './ids.ts';
import type { Usage } from './node-type.ts';
import type { Preview } from './values.ts';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** Why a node did not run or did not finish, in words a user understands. */
export interface NodeError {
  code: string;
  message: string;
}

interface Base {
  runId: RunId;
  /** Position of the event in its run, from 0; a late subscriber replays from any point. */
  seq: number;
  /** Milliseconds since the Unix epoch. */
  at: number;
}

/** Everything a run reports, in order: the editor, the CLI and the API all read these. */
export type RunEvent = Base &
  (
    | { type: 'run.started'; pipeline: string; nodes: NodeId[] }
    | { type: 'node.started'; nodeId: NodeId; attempt: number; item?: number }
    | {
        type: 'node.progress';
        nodeId: NodeId;
        fraction?: number;
        message?: string;
        /** A streamed chunk of an output port (e.g. chat tokens). */
        port?: string;
        chunk?: string;
      }
    | {
        type: 'node.finished';
        nodeId: NodeId;
        durationMs: number;
        cached: boolean;
        outputs: Record<string, Preview>;
        usage?: Usage;
      }
    | {
        type: 'node.failed';
        nodeId: NodeId;
        durationMs: number;
        error: NodeError;
        attempt: number;
        willRetry: boolean;
        /** The list item that failed, when the node maps over a list. */
        item?: number;
      }
    | { type: 'node.skipped'; nodeId: NodeId; reason: string }
    | {
        type: 'run.finished';
        status: RunStatus;
        durationMs: number;
        outputs: Record<string, Preview>;
        error?: NodeError & { nodeId?: NodeId };
      }
  );

export type RunEventType = RunEvent['type'];
