import { afterAll, beforeAll } from 'vitest';
import type { Env, NodeContext, NodeDefinition, Usage } from '../../pipeline/node-type.ts';
import type { ImageValue, Value } from '../../pipeline/values.ts';
import type { TestServer } from './servers/http.ts';
import { startHuggingFaceServer } from './servers/huggingface.ts';
import { startOpenAIServer } from './servers/openai.ts';

/** The key the test servers expect; it lives only in the env handed to a run. */
export const TEST_KEY = 'sk-weft-test-0123456789abcdef';
export const TEST_HF_TOKEN = 'hf_weftTestToken0123456789';

/** The OpenAI-compatible and the Hugging Face test server, both on 127.0.0.1. */
export interface ProviderServers {
  openai: TestServer;
  hf: TestServer;
}

/**
 * Starts both provider test servers before the file's tests and closes them after; the
 * Hugging Face one takes `hfToken`. Read `servers.openai` and `servers.hf` in tests and in hooks
 * registered after this call, once they have started.
 */
export function useProviderServers(hfToken = TEST_HF_TOKEN): ProviderServers {
  const servers = {} as ProviderServers;
  beforeAll(async () => {
    [servers.openai, servers.hf] = await Promise.all([
      startOpenAIServer(TEST_KEY),
      startHuggingFaceServer(hfToken),
    ]);
  });
  afterAll(() => Promise.all([servers.openai.close(), servers.hf.close()]));
  return servers;
}

/** What a node reported through its context while it ran. */
export interface Reports {
  chunks: { port: string; chunk: string }[];
  usage: Usage[];
  logs: string[];
}

/**
 * Runs one node as the engine would: params parsed by its schema (defaults applied), the env
 * given, and a context that records streamed chunks, usage and logs.
 */
export async function runWithEnv(
  definition: NodeDefinition<any>,
  env: Env,
  inputs: Record<string, Value | undefined>,
  params: Record<string, unknown>,
  signal: AbortSignal = new AbortController().signal,
): Promise<{ outputs: Record<string, Value | undefined>; reports: Reports }> {
  const reports: Reports = { chunks: [], usage: [], logs: [] };
  const context: NodeContext = {
    nodeId: 'under-test',
    progress: () => {},
    stream: (port, chunk) => reports.chunks.push({ port, chunk }),
    log: (message) => reports.logs.push(message),
    usage: (usage) => reports.usage.push(usage),
    env,
  };
  const parsed = definition.params.parse(params);
  const outputs = await definition.run({ inputs, params: parsed, signal, context });
  return { outputs, reports };
}

/** The error a promise rejects with, for asserting its code, message and retry hints. */
export async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the node to fail, but it succeeded');
}

export function asImage(value: Value | undefined): ImageValue {
  if (typeof value !== 'object' || value === null || !('kind' in value) || value.kind !== 'image') {
    throw new Error(`expected an image, got ${JSON.stringify(value)?.slice(0, 100)}`);
  }
  return value as ImageValue;
}
