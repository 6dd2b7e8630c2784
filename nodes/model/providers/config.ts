import type { Env } from '../../../pipeline/node-type.ts';

/** The providers a model node can name in its `provider` param. */
export const PROVIDER_IDS = ['openai', 'huggingface', 'local'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const PROVIDER_TITLES: Record<ProviderId, string> = {
  openai: 'OpenAI (or an OpenAI-compatible server)',
  huggingface: 'Hugging Face',
  local: 'Local (in-process, offline)',
};

/** The environment variables Weft reads for providers; the README lists them. */
export const ENV = {
  openaiKey: 'OPENAI_API_KEY',
  openaiBaseUrl: 'OPENAI_BASE_URL',
  openaiOrg: 'OPENAI_ORG_ID',
  openaiProject: 'OPENAI_PROJECT_ID',
  hfToken: 'HF_TOKEN',
  hfEndpoint: 'HF_ENDPOINT_URL',
  timeout: 'WEFT_MODEL_TIMEOUT_MS',
  concurrency: {
    openai: 'WEFT_OPENAI_CONCURRENCY',
    huggingface: 'WEFT_HF_CONCURRENCY',
    local: 'WEFT_LOCAL_CONCURRENCY',
  },
} as const;

/** Variables whose values are secrets: redacted from every message a node produces. */
export const SECRET_VARIABLES = [ENV.openaiKey, ENV.hfToken] as const;

const DEFAULT_CONCURRENCY: Record<ProviderId, number> = { openai: 4, huggingface: 4, local: 1 };
const DEFAULT_TIMEOUT_MS = 120_000;

export interface OpenAIConfig {
  apiKey: string;
  baseURL: string;
  organization: string | null;
  project: string | null;
  /** True when the base URL is not OpenAI's own (Ollama, vLLM, LM Studio, llama.cpp). */
  compatible: boolean;
}

export const OPENAI_URL = 'https://api.openai.com/v1';

/** OpenAI settings from the environment, or undefined when neither a key nor a URL is set. */
export function openaiConfig(env: Env): OpenAIConfig | undefined {
  const apiKey = nonEmpty(env[ENV.openaiKey]);
  const baseURL = nonEmpty(env[ENV.openaiBaseUrl]);
  if (apiKey === undefined && baseURL === undefined) return undefined;
  return {
    // Local servers take no key, but the client insists on one; they ignore what it sends.
    apiKey: apiKey ?? 'no-key',
    baseURL: (baseURL ?? OPENAI_URL).replace(/\/+$/, ''),
    organization: nonEmpty(env[ENV.openaiOrg]) ?? null,
    project: nonEmpty(env[ENV.openaiProject]) ?? null,
    compatible: baseURL !== undefined,
  };
}

export interface HuggingFaceConfig {
  token: string | undefined;
  /** A dedicated endpoint (TGI, TEI, Inference Endpoints); absent for Inference Providers. */
  endpointUrl: string | undefined;
}

/**
 * Hugging Face settings for one model. A model param that is a URL names a dedicated endpoint
 * and wins over `HF_ENDPOINT_URL`; a model id goes to Inference Providers, which needs a token.
 * The token goes only where whoever runs the server sent it: a model URL comes from a pipeline
 * file, which may come from anyone, so one on another server gets no token.
 */
export function huggingfaceConfig(env: Env, model?: string): HuggingFaceConfig | undefined {
  const token = nonEmpty(env[ENV.hfToken]);
  const configured = nonEmpty(env[ENV.hfEndpoint]);
  const endpointUrl = isUrl(model) ? model : configured;
  if (token === undefined && endpointUrl === undefined) return undefined;
  const trusted =
    endpointUrl === undefined ||
    (configured !== undefined && sameOrigin(endpointUrl, configured)) ||
    isHuggingFaceUrl(endpointUrl);
  return { token: trusted ? token : undefined, endpointUrl };
}

/** Hugging Face's own servers over HTTPS: the router, Inference Endpoints, Spaces. */
function isHuggingFaceUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    const own = ['huggingface.co', 'huggingface.cloud', 'hf.space'];
    return protocol === 'https:' && own.some((d) => hostname === d || hostname.endsWith(`.${d}`));
  } catch {
    return false;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * Why a provider cannot be used with this environment, naming the variable to set; undefined
 * when it can. The check prefixes the node: "node `chat` (model.chat): provider ...".
 */
export function missingConfig(provider: ProviderId, env: Env, model?: string): string | undefined {
  if (provider === 'openai' && !openaiConfig(env)) {
    return `provider \`openai\` needs ${ENV.openaiKey} (or ${ENV.openaiBaseUrl} for a local server)`;
  }
  if (provider === 'huggingface' && !huggingfaceConfig(env, model)) {
    return `provider \`huggingface\` needs ${ENV.hfToken} (or ${ENV.hfEndpoint} for a dedicated endpoint)`;
  }
  return undefined;
}

/** Requests one provider may have in flight across all runs of the process. */
export function concurrencyOf(provider: ProviderId, env: Env): number {
  return positiveInt(env[ENV.concurrency[provider]]) ?? DEFAULT_CONCURRENCY[provider];
}

/** How long one provider request may take before it fails as a time-out. */
export function requestTimeoutMs(env: Env): number {
  return positiveInt(env[ENV.timeout]) ?? DEFAULT_TIMEOUT_MS;
}

/** Replaces every secret of the environment found in a text, so no message can carry one. */
export function redact(text: string, env: Env): string {
  let out = text;
  for (const name of SECRET_VARIABLES) {
    const secret = env[name];
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  // Providers echo a masked key ("sk-abc***wxyz"); even a part of a key does not belong in a log.
  return out.replace(/\b(sk|hf)[-_][A-Za-z0-9_*-]{6,}/g, '[redacted]');
}

/** The origin and path of a URL, without credentials or query, safe to show. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}

export function isUrl(value: string | undefined): value is string {
  return value !== undefined && /^https?:\/\//i.test(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
