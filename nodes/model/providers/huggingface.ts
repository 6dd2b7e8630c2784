import { InferenceClient, setLogger, type Options } from '@huggingface/inference';
import { NodeRunError } from '../../../pipeline/errors.ts';
import type { Env } from '../../../pipeline/node-type.ts';
import type { ImageValue } from '../../../pipeline/values.ts';
import { displayUrl, huggingfaceConfig, missingConfig } from './config.ts';
import { completionAnswer, streamedAnswer } from './chat-answer.ts';
import {
  responseFormat,
  type ChatAnswer,
  type ChatOptions,
  type ChatRequest,
} from './chat-types.ts';
import { badAnswer } from './errors.ts';
import { imageFromBytes } from '../../image/sharp-image.ts';
import { toBlob } from './images.ts';
import { callProvider, subjectOf, type ProviderCall } from './request.ts';

// The client logs its routing choices to the console; a run reports through events instead.
const quiet = () => {};
setLogger({ debug: quiet, info: quiet, warn: quiet, error: quiet, log: quiet });

const ROUTER = 'https://router.huggingface.co';

interface Setup {
  client: InferenceClient;
  call: ProviderCall;
  /** Per-request options: the engine retries, so the client's own 503 retry loop is off. */
  options: (signal: AbortSignal, onHeaders: (h: Headers) => void) => Options;
  /** The model to name in the body; an endpoint URL given as model is not one. */
  model: string | undefined;
}

function setup(env: Env, model: string, signal: AbortSignal): Setup {
  const config = huggingfaceConfig(env, model);
  if (!config) {
    throw new NodeRunError('provider_not_configured', missingConfig('huggingface', env, model)!);
  }
  const { token, endpointUrl } = config;
  const client = new InferenceClient(token ?? '', endpointUrl ? { endpointUrl } : {});
  const target = endpointUrl ? displayUrl(endpointUrl) : ROUTER;
  return {
    client,
    call: { provider: 'huggingface', model, target, env, signal },
    model: model && model !== endpointUrl ? model : undefined,
    options: (signal, onHeaders) => ({
      signal,
      retry_on_error: false,
      // Kept to read `retry-after`, which the client does not pass on with its errors.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        onHeaders(response.headers);
        return response;
      },
    }),
  };
}

/** Chat completion through Inference Providers (model id) or a dedicated TGI endpoint. */
export async function huggingfaceChat(
  request: ChatRequest,
  options: ChatOptions,
): Promise<ChatAnswer> {
  const hf = setup(options.env, request.model, options.signal);
  const args = {
    ...(hf.model ? { model: hf.model } : {}),
    messages: request.messages,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    ...(request.stop?.length ? { stop: request.stop } : {}),
    ...(request.schema ? { response_format: responseFormat(request.schema) } : {}),
  } as Parameters<InferenceClient['chatCompletion']>[0];
  return callProvider(hf.call, async (signal, onHeaders) => {
    if (!request.stream) {
      const done = await hf.client.chatCompletion(args, hf.options(signal, onHeaders));
      return completionAnswer(done, hf.call);
    }
    const stream = hf.client.chatCompletionStream(args, hf.options(signal, onHeaders));
    return streamedAnswer(stream, hf.call, options.onToken);
  });
}

/** Text to image: one image per request, so `count` images are `count` requests. */
export async function huggingfaceGenerateImage(
  model: string,
  prompt: string,
  size: { width: number; height: number } | undefined,
  env: Env,
  signal: AbortSignal,
): Promise<ImageValue> {
  const hf = setup(env, model, signal);
  return callProvider(hf.call, async (signal, onHeaders) => {
    const blob = await hf.client.textToImage(
      {
        ...(hf.model ? { model: hf.model } : {}),
        inputs: prompt,
        ...(size ? { parameters: size } : {}),
      },
      { ...hf.options(signal, onHeaders), outputType: 'blob' },
    );
    try {
      return await imageFromBytes(new Uint8Array(await blob.arrayBuffer()));
    } catch {
      throw badAnswer('bad_response', subjectOf(hf.call), 'the body is not an image');
    }
  });
}

/** Image captioning (`image-to-text`), e.g. BLIP on an endpoint. */
export async function huggingfaceCaption(
  model: string,
  image: ImageValue,
  env: Env,
  signal: AbortSignal,
): Promise<string> {
  const hf = setup(env, model, signal);
  return callProvider(hf.call, async (signal, onHeaders) => {
    const answer = await hf.client.imageToText(
      { ...(hf.model ? { model: hf.model } : {}), inputs: toBlob(image) },
      hf.options(signal, onHeaders),
    );
    if (typeof answer.generated_text !== 'string') {
      throw badAnswer('bad_response', subjectOf(hf.call), 'no generated_text in it');
    }
    return answer.generated_text;
  });
}

export interface Label {
  label: string;
  score: number;
}

/** Image classification; with candidate labels, zero-shot classification (e.g. CLIP). */
export async function huggingfaceClassify(
  model: string,
  image: ImageValue,
  labels: string[],
  env: Env,
  signal: AbortSignal,
): Promise<Label[]> {
  const hf = setup(env, model, signal);
  const modelArg = hf.model ? { model: hf.model } : {};
  return callProvider(hf.call, async (signal, onHeaders) => {
    const options = hf.options(signal, onHeaders);
    const answer =
      labels.length > 0
        ? await hf.client.zeroShotImageClassification(
            { ...modelArg, inputs: toBlob(image), parameters: { candidate_labels: labels } },
            options,
          )
        : await hf.client.imageClassification({ ...modelArg, inputs: toBlob(image) }, options);
    return answer.map(({ label, score }) => ({ label, score }));
  });
}

/** Feature extraction: one pooled vector per text (TEI and sentence-transformers pool). */
export async function huggingfaceEmbed(
  model: string,
  texts: string[],
  env: Env,
  signal: AbortSignal,
): Promise<number[][]> {
  const hf = setup(env, model, signal);
  return callProvider(hf.call, async (signal, onHeaders) => {
    const answer = await hf.client.featureExtraction(
      { ...(hf.model ? { model: hf.model } : {}), inputs: texts },
      hf.options(signal, onHeaders),
    );
    const vectors = answer as unknown[];
    const flat = vectors.every((v) => Array.isArray(v) && v.every((x) => typeof x === 'number'));
    if (vectors.length !== texts.length || !flat) {
      throw badAnswer(
        'bad_response',
        subjectOf(hf.call),
        'expected one vector of numbers per text; is the model a sentence embedding model?',
      );
    }
    return vectors as number[][];
  });
}

/** The model ids a TGI/TEI endpoint or the router lists (`GET /v1/models`), when it does. */
export async function huggingfaceModels(env: Env, signal: AbortSignal): Promise<string[]> {
  const config = huggingfaceConfig(env);
  if (!config) return [];
  const base = (config.endpointUrl ?? `${ROUTER}/v1`).replace(/\/+$/, '');
  const url = base.endsWith('/v1') ? `${base}/models` : `${base}/v1/models`;
  const response = await fetch(url, {
    signal,
    headers: config.token ? { Authorization: `Bearer ${config.token}` } : {},
  });
  if (!response.ok) throw new Error(`${displayUrl(url)} answered ${response.status}`);
  const body = (await response.json()) as { data?: { id?: unknown }[] };
  return (body.data ?? []).flatMap((m) => (typeof m.id === 'string' ? [m.id] : [])).sort();
}
