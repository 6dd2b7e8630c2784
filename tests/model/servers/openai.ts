import sharp from 'sharp';
import {
  playFailure,
  sendEvent,
  sendJson,
  startServer,
  type Exchange,
  type TestServer,
} from './http.ts';
import { answerFor, sampleOf, vectorOf, wordCount } from './answers.ts';

/** The models this server knows; any other id gets OpenAI's 404 `model_not_found`. */
export const OPENAI_MODELS = [
  'gpt-4o-mini',
  'gpt-image-1',
  'gpt-image-test',
  'test-chat',
  'test-embed',
  'test-vision',
];

const errorBody = (message: string, type: string, code: string | null = null) => ({
  error: { message, type, param: null, code },
});

/**
 * A server that speaks the OpenAI REST API as its reference describes it: chat completions
 * (JSON, and Server-Sent Events ending in `[DONE]`), image generations, embeddings and the
 * models list, with OpenAI's error bodies. It checks the bearer key like OpenAI does.
 */
export function startOpenAIServer(apiKey: string): Promise<TestServer> {
  return startServer(async (exchange) => {
    const { received, res, route } = exchange;
    if (received.authorization !== `Bearer ${apiKey}`) {
      const masked = (received.authorization ?? '').replace(/^Bearer (.{3}).*(.{4})$/, '$1*****$2');
      const message = `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`;
      return sendJson(res, 401, errorBody(message, 'invalid_request_error', 'invalid_api_key'));
    }
    if (received.method === 'GET' && route === '/v1/models') {
      const data = OPENAI_MODELS.map((id) => ({
        id,
        object: 'model',
        created: 1,
        owned_by: 'weft',
      }));
      return sendJson(res, 200, { object: 'list', data });
    }
    const model = received.json?.model;
    if (typeof model === 'string' && !OPENAI_MODELS.includes(model)) {
      const message = `The model \`${model}\` does not exist or you do not have access to it.`;
      return sendJson(res, 404, errorBody(message, 'invalid_request_error', 'model_not_found'));
    }
    if (await playFailure(exchange, (m, t) => errorBody(m, t, t))) return;
    if (route === '/v1/chat/completions') return chatCompletion(exchange);
    if (route === '/v1/images/generations') return imageGeneration(exchange);
    if (route === '/v1/embeddings') return embeddings(exchange);
    sendJson(res, 404, errorBody(`Invalid URL (POST ${route})`, 'invalid_request_error'));
  });
}

/** Chat completions; also what TGI's Messages API answers, so the HF server reuses it. */
export function chatCompletion({ received, res, scenario }: Exchange) {
  const body = received.json;
  const format = body.response_format;
  const text =
    format?.type === 'json_schema'
      ? JSON.stringify(
          scenario === 'wrong-shape' ? { unexpected: true } : sampleOf(format.json_schema.schema),
        )
      : answerFor(body.messages);
  const usage = {
    prompt_tokens: wordCount(JSON.stringify(body.messages)),
    completion_tokens: wordCount(text),
    total_tokens: 0,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const base = { id: 'chatcmpl-test', created: 1_700_000_000, model: body.model };
  if (!body.stream) {
    if (scenario === 'wrong-shape') return sendJson(res, 200, { ...base, choices: [] });
    if (scenario === 'cut') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"chatcmpl-test","object":"chat.completion","choices":[{"index":0,');
      return void setTimeout(() => res.socket?.destroy(), 20);
    }
    const message = { role: 'assistant', content: text, refusal: null };
    return sendJson(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message, logprobs: null, finish_reason: 'stop' }],
      usage,
    });
  }
  streamChat(res, base, text, usage, body.stream_options?.include_usage === true, scenario);
}

function streamChat(
  res: Exchange['res'],
  base: Record<string, unknown>,
  text: string,
  usage: Record<string, number>,
  includeUsage: boolean,
  scenario: Exchange['scenario'],
) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(includeUsage ? { usage: null } : {}),
  });
  sendEvent(res, chunk({ role: 'assistant', content: '' }, null));
  const pieces = text.match(/\S+\s*/g) ?? [];
  pieces.forEach((piece, i) => {
    if (scenario === 'cut' && i === 2) return;
    if (scenario === 'cut' && i > 2) return;
    sendEvent(res, chunk({ content: piece }, null));
  });
  if (scenario === 'cut') {
    // The connection drops in the middle of the answer, with no finish reason and no [DONE].
    return void setTimeout(() => res.socket?.destroy(), 20);
  }
  if (scenario === 'malformed') {
    res.write('data: {"choices": [ {"delta": \n\n');
  }
  sendEvent(res, chunk({}, 'stop'));
  if (includeUsage)
    sendEvent(res, { ...base, object: 'chat.completion.chunk', choices: [], usage });
  sendEvent(res, '[DONE]');
  res.end();
}

async function imageGeneration({ received, res, scenario }: Exchange) {
  const { n = 1, size = '1024x1024', prompt = '' } = received.json;
  const [width, height] = String(size === 'auto' ? '1024x1024' : size)
    .split('x')
    .map(Number);
  const png = await sharp({
    create: { width: width!, height: height!, channels: 3, background: colourOf(prompt) },
  })
    .png()
    .toBuffer();
  const item =
    scenario === 'wrong-shape'
      ? { b64_json: Buffer.from('not an image').toString('base64') }
      : {
          b64_json: png.toString('base64'),
          revised_prompt: prompt,
        };
  sendJson(res, 200, { created: 1_700_000_000, data: Array.from({ length: n }, () => item) });
}

function embeddings({ received, res }: Exchange) {
  const { input, model } = received.json;
  const texts: string[] = Array.isArray(input) ? input : [input];
  const data = texts.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: vectorOf(text),
  }));
  const tokens = texts.reduce((sum, text) => sum + wordCount(text), 0);
  // Out of order on purpose: clients must sort by `index`.
  sendJson(res, 200, {
    object: 'list',
    data: data.reverse(),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

/** A colour that depends on the prompt, so two prompts give two different images. */
export function colourOf(prompt: string) {
  let hash = 0;
  for (const ch of prompt) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { r: hash & 255, g: (hash >> 8) & 255, b: (hash >> 16) & 255 };
}
