import type { NodeTypeInfo } from '../../pipeline/node-type.ts';
import type { Problem } from '../../pipeline/problems.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { apiFetch } from './auth.ts';

/** An error the API answered with: `{ error: { code, message, details } }` and its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await apiFetch(path, init);
  } catch {
    throw new ApiError(0, 'unreachable', 'The Weft server cannot be reached. Is it running?');
  }
  const text = await response.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: unknown } })
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `${method} ${path} failed with status ${response.status}`,
      error?.details,
    );
  }
  return json as T;
}

const get = <T>(path: string) => request<T>('GET', path);
const enc = encodeURIComponent;

/** A saved pipeline as the list shows it. */
export interface PipelineSummary {
  id: string;
  name: string;
  description?: string;
  nodeCount?: number;
  updatedAt?: number;
}

/** A saved pipeline with the problems the server's check finds in it. */
export interface StoredPipeline {
  id: string;
  pipeline: PipelineFile;
  updatedAt: number;
  problems: Problem[];
}

/** A sample file beside an example pipeline, for the input named `input`. */
export interface Sample {
  input: string;
  file: string;
  mediaType: string;
  bytes: number;
  url: string;
}

export const api = {
  nodeTypes: () => get<NodeTypeInfo[]>('/api/node-types'),
  pipelines: () => get<PipelineSummary[]>('/api/pipelines'),
  pipeline: (id: string) => get<StoredPipeline>(`/api/pipelines/${enc(id)}`),
  createPipeline: (file: PipelineFile) => request<PipelineSummary>('POST', '/api/pipelines', file),
  savePipeline: (id: string, file: PipelineFile) =>
    request<PipelineSummary>('PUT', `/api/pipelines/${enc(id)}`, file),
  deletePipeline: (id: string) => request<unknown>('DELETE', `/api/pipelines/${enc(id)}`),
  samples: (id: string) => get<Sample[]>(`/api/pipelines/${enc(id)}/samples`),
  validate: (pipeline: unknown) =>
    request<{ valid: boolean; problems: Problem[] }>('POST', '/api/validate', pipeline),
};
