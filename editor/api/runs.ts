import type { RunEvent, RunStatus } from '../../pipeline/events.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { apiFetch, withToken } from './auth.ts';
import { ApiError } from './client.ts';

export interface RunRequest {
  /** What runs: the canvas's file, saved or not. */
  pipeline: PipelineFile;
  /** The saved pipeline the file is, when it is one: the run is listed under it. */
  pipelineId?: string;
  /** Values by input name; images as data URLs. */
  inputs: Record<string, unknown>;
  runTo?: string;
  runFrom?: string;
}

/** A past run as the history list shows it. */
export interface RunSummary {
  id: string;
  status: RunStatus;
  pipelineId: string | null;
  pipelineName: string;
  startedAt: number;
  durationMs: number | null;
}

/** A past run with the pipeline it ran, so it can be shown on the canvas again. */
export interface RunRecord extends RunSummary {
  pipeline: unknown;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const response = await apiFetch(path, init);
  const json = (await response.json().catch(() => ({}))) as Record<string, any>;
  if (!response.ok) {
    const error = json.error ?? {};
    throw new ApiError(response.status, error.code ?? 'http_error', error.message ?? 'failed');
  }
  return json as T;
}

/** Starts a run and answers its id at once; its events follow on `followRun`. */
export async function startRun(request: RunRequest): Promise<string> {
  const json = await call<Record<string, any>>('POST', '/api/runs', request);
  const id = json.runId ?? json.id ?? json.run?.id;
  if (typeof id !== 'string') throw new ApiError(500, 'bad_response', 'The server gave no run id.');
  return id;
}

export const getRun = (id: string) => call<RunRecord>('GET', `/api/runs/${encodeURIComponent(id)}`);

export const cancelRun = (id: string) =>
  call<unknown>('POST', `/api/runs/${encodeURIComponent(id)}/cancel`);

export async function listRuns(): Promise<RunSummary[]> {
  const json = await call<unknown>('GET', '/api/runs');
  return (
    Array.isArray(json) ? json : ((json as { runs?: RunSummary[] }).runs ?? [])
  ) as RunSummary[];
}

const EVENT_TYPES: RunEvent['type'][] = [
  'run.started',
  'node.started',
  'node.progress',
  'node.finished',
  'node.failed',
  'node.skipped',
  'run.finished',
];

/**
 * Follows a run's events over Server-Sent Events, from its first event, until it finishes.
 * Each event reaches `onEvent` once and in order, whether the server names its SSE events or not.
 * Returns a function that stops following.
 */
export function followRun(
  id: string,
  onEvent: (event: RunEvent) => void,
  onLost: () => void,
): () => void {
  const source = new EventSource(withToken(`/api/runs/${encodeURIComponent(id)}/events`));
  let next = 0;
  let done = false;
  const receive = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as RunEvent;
    if (typeof event.seq === 'number' && event.seq < next) return;
    next = (event.seq ?? next) + 1;
    onEvent(event);
    if (event.type === 'run.finished') stop();
  };
  const stop = () => {
    done = true;
    source.close();
  };
  source.addEventListener('message', receive);
  for (const type of EVENT_TYPES) source.addEventListener(type, receive);
  source.addEventListener('error', () => {
    // EventSource reconnects on its own; a closed stream before the end means the run is lost.
    if (!done && source.readyState === EventSource.CLOSED) onLost();
  });
  return stop;
}
