import type { Env } from '../../../pipeline/node-type.ts';
import {
  PROVIDER_TITLES,
  concurrencyOf,
  displayUrl,
  huggingfaceConfig,
  missingConfig,
  openaiConfig,
  redact,
  type ProviderId,
} from './config.ts';
import { huggingfaceModels } from './huggingface.ts';
import { openaiModels } from './openai.ts';
import { DEFAULT_MODELS, type Task } from './params.ts';

export { PROVIDER_IDS, missingConfig, type ProviderId } from './config.ts';

/** One provider as `GET /api/providers` describes it. Never carries a key. */
export interface ProviderInfo {
  id: ProviderId;
  title: string;
  configured: boolean;
  /** When not configured: what to set, e.g. "provider `openai` needs OPENAI_API_KEY ...". */
  needs?: string;
  /** Where requests go (no credentials, no query); absent for `local`. */
  endpoint?: string;
  /** The work its nodes can ask of it. */
  tasks: string[];
  /** Model used when a node leaves `model` empty, per task. */
  defaults: Partial<Record<Task, string>>;
  /** Models the server lists, when it can list them. */
  models?: string[];
  /** Why the model list could not be had (the provider may still work). */
  modelsError?: string;
  /** Requests it may have in flight at once, across all runs. */
  concurrency: number;
}

const LIST_TIMEOUT_MS = 5000;

/** Which providers this environment configures, and the models each offers where it says. */
export async function describeProviders(env: Env): Promise<ProviderInfo[]> {
  return Promise.all([openaiInfo(env), huggingfaceInfo(env), localInfo(env)]);
}

async function openaiInfo(env: Env): Promise<ProviderInfo> {
  const config = openaiConfig(env);
  const info = base('openai', env);
  if (!config) return info;
  return withModels({ ...info, endpoint: displayUrl(config.baseURL) }, env, openaiModels);
}

async function huggingfaceInfo(env: Env): Promise<ProviderInfo> {
  const config = huggingfaceConfig(env);
  const info = base('huggingface', env);
  if (!config) return info;
  const endpoint = config.endpointUrl
    ? displayUrl(config.endpointUrl)
    : 'https://router.huggingface.co';
  return withModels({ ...info, endpoint }, env, huggingfaceModels);
}

async function localInfo(env: Env): Promise<ProviderInfo> {
  return {
    ...base('local', env),
    tasks: ['vision', 'classify', 'detect', 'analyze', 'language'],
    // The models npm installed with the packages, named by what they are.
    models: [
      'human (centernet objects, blazeface faces)',
      'wink-eng-lite-web-model (text analysis)',
      'cld3 (language identification)',
    ],
  };
}

function base(id: ProviderId, env: Env): ProviderInfo {
  const needs = missingConfig(id, env);
  const defaults = DEFAULT_MODELS[id];
  const info: ProviderInfo = {
    id,
    title: PROVIDER_TITLES[id],
    configured: needs === undefined,
    tasks: Object.keys(defaults),
    defaults,
    concurrency: concurrencyOf(id, env),
  };
  return needs ? { ...info, needs } : info;
}

async function withModels(
  info: ProviderInfo,
  env: Env,
  list: (env: Env, signal: AbortSignal) => Promise<string[]>,
): Promise<ProviderInfo> {
  try {
    return { ...info, models: await list(env, AbortSignal.timeout(LIST_TIMEOUT_MS)) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...info, modelsError: redact(`could not list models: ${reason}`, env) };
  }
}
