import type { RunEvent, RunStatus } from '../../pipeline/events.ts';
import type { Problem } from '../../pipeline/problems.ts';
import type { Preview } from '../../pipeline/values.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { ApiError } from '../api/client.ts';
import { api } from '../api/client.ts';
import type { RunSummary } from '../api/runs.ts';
import { cancelRun, followRun, getRun, listRuns, startRun } from '../api/runs.ts';
import { PipelineFileSchema } from '../../pipeline/schema.ts';
import type { Slice } from './types.ts';

export type NodeRunStatus = 'waiting' | 'running' | 'done' | 'failed' | 'skipped';

/** What one node shows of the current run. */
export interface NodeRun {
  status: NodeRunStatus;
  durationMs?: number;
  cached?: boolean;
  error?: string;
  reason?: string;
  attempt?: number;
  fraction?: number;
  outputs?: Record<string, Preview>;
  /** Text streamed so far, by output port, while the node runs. */
  streams?: Record<string, string>;
}

export interface RunInfo {
  id: string | null;
  status: 'starting' | RunStatus;
  durationMs?: number;
  error?: string;
}

export interface RunSlice {
  run: RunInfo | null;
  /** The finished run's outputs by name, as its output nodes show them. */
  runOutputs: Record<string, Preview>;
  nodeRuns: Record<string, NodeRun>;
  runHistory: RunSummary[];
  startRun(scope?: { runTo?: string; runFrom?: string }): Promise<void>;
  cancelRun(): Promise<void>;
  applyEvent(event: RunEvent): void;
  clearRun(): void;
  loadRunHistory(): Promise<void>;
  /** Shows a past run's node states and outputs on the canvas by replaying its events. */
  openRun(id: string): Promise<void>;
}

let stopFollowing: (() => void) | null = null;

function nextNodeRun(current: NodeRun | undefined, event: RunEvent): NodeRun | undefined {
  switch (event.type) {
    case 'node.started':
      return { status: 'running', attempt: event.attempt };
    case 'node.progress': {
      const next: NodeRun = { ...(current ?? { status: 'running' }) };
      if (event.fraction !== undefined) next.fraction = event.fraction;
      if (event.port !== undefined && event.chunk !== undefined) {
        const streams = { ...next.streams };
        streams[event.port] = (streams[event.port] ?? '') + event.chunk;
        next.streams = streams;
      }
      return next;
    }
    case 'node.finished':
      return {
        status: 'done',
        durationMs: event.durationMs,
        cached: event.cached,
        outputs: event.outputs,
      };
    case 'node.failed':
      return event.willRetry
        ? { ...(current ?? { status: 'running' }), error: event.error.message }
        : { status: 'failed', durationMs: event.durationMs, error: event.error.message };
    case 'node.skipped':
      return { status: 'skipped', reason: event.reason };
    default:
      return current;
  }
}

const sameFile = (a: PipelineFile, b: PipelineFile) => JSON.stringify(a) === JSON.stringify(b);

/** How a past run's file stands against its saved pipeline now. */
async function savedState(id: string | null, file: PipelineFile) {
  if (id === null) return 'gone';
  try {
    const stored = PipelineFileSchema.safeParse((await api.pipeline(id)).pipeline);
    return stored.success && sameFile(stored.data, file) ? 'same' : 'changed';
  } catch (error) {
    if ((error as ApiError).status === 404) return 'gone';
    throw error;
  }
}

export const runSlice: Slice<RunSlice> = (set, get) => ({
  run: null,
  runOutputs: {},
  nodeRuns: {},
  runHistory: [],

  async startRun(scope = {}) {
    if (get().run?.status === 'running' || get().run?.status === 'starting') return;
    stopFollowing?.();
    set({ run: { id: null, status: 'starting' }, nodeRuns: {}, runOutputs: {} });
    // What is on the canvas runs, saved or not; a saved pipeline's id goes along, so the run is
    // listed under it and a call back into it is caught.
    const pipelineId = get().pipelineId;
    const request = {
      pipeline: get().currentFile(),
      ...(pipelineId !== null && { pipelineId }),
      inputs: get().runInputs(),
      ...scope,
    };
    try {
      const id = await startRun(request);
      set({ run: { id, status: 'running' } });
      stopFollowing = followRun(id, get().applyEvent, () => {
        set({ run: { id, status: 'interrupted', error: 'Lost contact with the run.' } });
      });
    } catch (error) {
      const message = (error as Error).message;
      set({ run: { id: null, status: 'failed', error: message } });
      const problems = ((error as ApiError).details as { problems?: Problem[] })?.problems;
      if (Array.isArray(problems)) get().setProblems(problems);
      get().notify(`The run did not start: ${message}`, 'error');
    }
  },

  async cancelRun() {
    const id = get().run?.id;
    if (!id) return;
    try {
      await cancelRun(id);
    } catch (error) {
      get().notify(`Could not cancel: ${(error as Error).message}`, 'error');
    }
  },

  applyEvent(event) {
    if (event.type === 'run.started') {
      const waiting: Record<string, NodeRun> = {};
      for (const nodeId of event.nodes) waiting[nodeId] = { status: 'waiting' };
      set({ nodeRuns: waiting, run: { id: event.runId, status: 'running' } });
      return;
    }
    if (event.type === 'run.finished') {
      const run: RunInfo = { id: event.runId, status: event.status, durationMs: event.durationMs };
      if (event.error) run.error = event.error.message;
      set({ run, runOutputs: event.outputs });
      void get().loadRunHistory();
      return;
    }
    const nodeRuns = get().nodeRuns;
    const next = nextNodeRun(nodeRuns[event.nodeId], event);
    if (next) set({ nodeRuns: { ...nodeRuns, [event.nodeId]: next } });
  },

  clearRun() {
    stopFollowing?.();
    stopFollowing = null;
    set({ run: null, nodeRuns: {}, runOutputs: {} });
  },

  async loadRunHistory() {
    try {
      set({ runHistory: await listRuns() });
    } catch {
      // The history is a convenience; the canvas works without it.
    }
  },

  async openRun(id) {
    const follow = () => {
      set({ run: { id, status: 'running' }, nodeRuns: {}, runOutputs: {} });
      stopFollowing = followRun(id, get().applyEvent, () => {
        set({ run: { id, status: 'interrupted', error: 'The run could not be loaded.' } });
      });
    };
    try {
      const record = await getRun(id);
      const parsed = PipelineFileSchema.safeParse(record.pipeline);
      if (!parsed.success) throw new Error('its pipeline can no longer be read');
      const file = parsed.data;
      // A run of what is on the canvas now is shown on it as it is, with nothing to discard.
      // (Runs from before the editor sent its pipeline's id have none.)
      const ownId = record.pipelineId === null || record.pipelineId === get().pipelineId;
      if (ownId && sameFile(file, get().currentFile())) return follow();
      const saved = await savedState(record.pipelineId, file);
      get().guard('Open', () => {
        get().loadFile(file, saved === 'gone' ? null : record.pipelineId);
        // The pipeline as it ran, which is not how it is saved now.
        if (saved === 'changed') set({ savedRev: -1 });
        follow();
      });
    } catch (error) {
      get().notify(`Could not open run ${id}: ${(error as Error).message}`, 'error');
    }
  },
});
