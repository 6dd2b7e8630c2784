import { z } from 'zod';
import type { Env } from '../../../pipeline/node-type.ts';
import { missingConfig, type ProviderId } from './config.ts';

/** The work a model node asks of a provider; each provider serves some of them. */
export type Task = 'chat' | 'vision' | 'caption' | 'image' | 'embed' | 'classify' | 'zero-shot';

/**
 * The model each provider uses when a node leaves `model` empty. OpenAI-compatible local
 * servers (Ollama, vLLM) name their models differently: set `model` for them.
 */
export const DEFAULT_MODELS: Record<ProviderId, Partial<Record<Task, string>>> = {
  openai: {
    chat: 'gpt-4o-mini',
    vision: 'gpt-4o-mini',
    image: 'gpt-image-1',
    embed: 'text-embedding-3-small',
    'zero-shot': 'gpt-4o-mini',
  },
  huggingface: {
    chat: 'meta-llama/Llama-3.1-8B-Instruct',
    vision: 'Qwen/Qwen2.5-VL-7B-Instruct',
    caption: 'Salesforce/blip-image-captioning-large',
    image: 'black-forest-labs/FLUX.1-schnell',
    embed: 'sentence-transformers/all-MiniLM-L6-v2',
    classify: 'google/vit-base-patch16-224',
    'zero-shot': 'openai/clip-vit-large-patch14',
  },
  local: {
    vision: 'human',
    classify: 'human',
  },
};

/** The `provider` param of a node that offers these providers, defaulting to the first. */
export function providerParam<const P extends readonly [ProviderId, ...ProviderId[]]>(ids: P) {
  return z
    .enum(ids)
    .default(ids[0] as never)
    .meta({
      title: 'Provider',
      description:
        'Who runs the model: `openai` (or any server that speaks its API), `huggingface`, or `local` (offline, in-process)',
    });
}

/** The `model` param: empty means the provider's default model for the task. */
export const modelParam = z.string().max(500).default('').meta({
  title: 'Model',
  description:
    "Model id (e.g. gpt-4o-mini, meta-llama/Llama-3.1-8B-Instruct, llama3.2 on Ollama); a Hugging Face endpoint URL also works; empty: the provider's default",
});

/** The model to use: the param, or the provider's default for the task. */
export function modelFor(provider: ProviderId, task: Task, model: string): string {
  return model.trim() || DEFAULT_MODELS[provider][task] || '';
}

/** Preflight problems common to model nodes: the provider must be configured and do the task. */
export function providerProblems(
  provider: ProviderId,
  task: Task,
  model: string,
  env: Env,
): string[] {
  const problems: string[] = [];
  const missing = missingConfig(provider, env, model);
  if (missing) problems.push(missing);
  if (!model.trim() && !DEFAULT_MODELS[provider][task]) {
    problems.push(`provider \`${provider}\` has no default model for this; set param \`model\``);
  }
  return problems;
}
