import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { Env } from '../../../pipeline/node-type.ts';
import type { ImageValue } from '../../../pipeline/values.ts';
import { displayUrl, missingConfig, openaiConfig, type OpenAIConfig } from './config.ts';
import { completionAnswer, streamedAnswer } from './chat-answer.ts';
import {
  responseFormat,
  usageOf,
  type ChatAnswer,
  type ChatOptions,
  type ChatRequest,
  type WireUsage,
} from './chat-types.ts';
import { badAnswer } from './errors.ts';
import { imageFromBytes } from '../../image/sharp-image.ts';
import { callProvider, subjectOf, type ProviderCall } from './request.ts';
import { NodeRunError } from '../../../pipeline/errors.ts';

/** A client that reads nothing from `process.env` and never retries: the engine owns retries. */
function clientFor(config: OpenAIConfig, timeoutMs?: number): OpenAI {
  return new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    organization: config.organization,
    project: config.project,
    adminAPIKey: null,
    webhookSecret: null,
    maxRetries: 0,
    logLevel: 'off',
    // Weft's own deadline (WEFT_MODEL_TIMEOUT_MS) aborts first; this is only a backstop.
    timeout: timeoutMs ?? 3_600_000,
  });
}

function setup(env: Env, model: string, signal: AbortSignal) {
  const config = openaiConfig(env);
  if (!config) throw new NodeRunError('provider_not_configured', missingConfig('openai', env)!);
  const call: ProviderCall = {
    provider: 'openai',
    model,
    target: displayUrl(config.baseURL),
    env,
    signal,
  };
  return { config, call, client: clientFor(config) };
}

/** Chat completion, streamed or not; a stream that ends without a finish reason is an error. */
export async function openaiChat(request: ChatRequest, options: ChatOptions): Promise<ChatAnswer> {
  const { config, call, client } = setup(options.env, request.model, options.signal);
  const body: ChatCompletionCreateParamsBase = {
    model: request.model,
    messages: request.messages as ChatCompletionCreateParamsBase['messages'],
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.stop?.length ? { stop: request.stop } : {}),
    ...(request.schema ? { response_format: responseFormat(request.schema) } : {}),
  };
  if (request.maxTokens !== undefined) {
    // OpenAI's newer models take only `max_completion_tokens`; local servers know `max_tokens`.
    if (config.compatible) body.max_tokens = request.maxTokens;
    else body.max_completion_tokens = request.maxTokens;
  }
  return callProvider(call, async (signal) => {
    if (!request.stream) {
      const done = await client.chat.completions.create({ ...body, stream: false }, { signal });
      return completionAnswer(done, call);
    }
    const { data: stream, response } = await client.chat.completions
      .create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal })
      .withResponse();
    const type = response.headers.get('content-type') ?? 'none';
    if (!type.startsWith('text/event-stream')) {
      // The client would read a JSON answer as an empty stream; say what really came back.
      throw badAnswer('bad_response', subjectOf(call), `a stream was asked for, ${type} came`);
    }
    return streamedAnswer(stream, call, options.onToken);
  });
}

export interface ImageGeneration {
  model: string;
  prompt: string;
  size: string;
  count: number;
}

/** Image generation; URLs in the answer (DALL·E's default) are fetched into bytes. */
export async function openaiGenerateImages(
  request: ImageGeneration,
  env: Env,
  signal: AbortSignal,
): Promise<ImageValue[]> {
  const { call, client } = setup(env, request.model, signal);
  return callProvider(call, async (signal) => {
    // gpt-image models always answer in base64 and refuse the `response_format` field.
    const base64Only = /^gpt-image/.test(request.model);
    const answer = await client.images.generate(
      {
        model: request.model,
        prompt: request.prompt,
        n: request.count,
        size: request.size,
        ...(base64Only ? {} : { response_format: 'b64_json' as const }),
      },
      { signal },
    );
    const items = answer.data ?? [];
    if (items.length === 0) throw badAnswer('bad_response', subjectOf(call), 'no images in it');
    return Promise.all(
      items.map(async (item) => {
        if (item.b64_json) return decodeImage(Buffer.from(item.b64_json, 'base64'), call);
        if (item.url) {
          const response = await fetch(item.url, { signal });
          return decodeImage(new Uint8Array(await response.arrayBuffer()), call);
        }
        throw badAnswer('bad_response', subjectOf(call), 'an image with neither data nor URL');
      }),
    );
  });
}

async function decodeImage(bytes: Uint8Array, call: ProviderCall): Promise<ImageValue> {
  try {
    return await imageFromBytes(new Uint8Array(bytes));
  } catch {
    throw badAnswer('bad_response', subjectOf(call), 'an image that does not decode');
  }
}

/** One vector per input text, in input order. */
export async function openaiEmbed(
  model: string,
  texts: string[],
  dimensions: number | undefined,
  env: Env,
  signal: AbortSignal,
): Promise<{ vectors: number[][]; usage: ChatAnswer['usage'] }> {
  const { call, client } = setup(env, model, signal);
  return callProvider(call, async (signal) => {
    const answer = await client.embeddings.create(
      {
        model,
        input: texts,
        encoding_format: 'float',
        ...(dimensions === undefined ? {} : { dimensions }),
      },
      { signal },
    );
    const data = [...(answer.data ?? [])].sort((a, b) => a.index - b.index);
    if (data.length !== texts.length || !data.every((d) => Array.isArray(d.embedding))) {
      throw badAnswer(
        'bad_response',
        subjectOf(call),
        `${data.length} vectors for ${texts.length} texts`,
      );
    }
    return { vectors: data.map((d) => d.embedding), usage: usageOf(answer.usage as WireUsage) };
  });
}

/** The model ids the server lists (`GET /models`), for `GET /api/providers`. */
export async function openaiModels(env: Env, signal: AbortSignal): Promise<string[]> {
  const config = openaiConfig(env);
  if (!config) return [];
  const client = clientFor(config);
  const ids: string[] = [];
  for await (const model of client.models.list({ signal })) ids.push(model.id);
  return ids.sort();
}
