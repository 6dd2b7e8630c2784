import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chatNode } from '../../nodes/model/chat.ts';
import { describeImageNode } from '../../nodes/model/describe-image.ts';
import { embedNode } from '../../nodes/model/embed.ts';
import { failure, runWithEnv, TEST_HF_TOKEN, TEST_KEY, useProviderServers } from './helpers.ts';
import { smallPng } from './fixtures.ts';
import type { Scenario } from './servers/http.ts';

const servers = useProviderServers();

/** What a user must see for each failure: a stable code, whether a retry may help, and words. */
interface Expected {
  code: string;
  retryable: boolean;
  message: RegExp;
  retryAfterMs?: number;
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const FAST_TIMEOUT = { WEFT_MODEL_TIMEOUT_MS: '300' };

function openaiChat(
  scenario: Scenario,
  params: Record<string, unknown> = {},
  env: Record<string, string> = {},
) {
  return runWithEnv(
    chatNode,
    { OPENAI_API_KEY: TEST_KEY, OPENAI_BASE_URL: `${servers.openai.base(scenario)}/v1`, ...env },
    {},
    { model: 'test-chat', prompt: 'hello', ...params },
  );
}

function hfChat(
  scenario: Scenario,
  params: Record<string, unknown> = {},
  env: Record<string, string> = {},
) {
  return runWithEnv(
    chatNode,
    { HF_TOKEN: TEST_HF_TOKEN, HF_ENDPOINT_URL: `${servers.hf.base(scenario)}/chat`, ...env },
    {},
    { provider: 'huggingface', prompt: 'hello', ...params },
  );
}

const cases: [string, () => Promise<unknown>, Expected][] = [
  [
    'OpenAI: a wrong key (401)',
    () => openaiChat('ok', {}, { OPENAI_API_KEY: 'sk-wrong-key-123456' }),
    {
      code: 'provider_auth',
      retryable: false,
      message: /OpenAI refused the key \(401\): check OPENAI_API_KEY/,
    },
  ],
  [
    'OpenAI: an unknown model (404)',
    () => openaiChat('ok', { model: 'gpt-nonexistent' }),
    {
      code: 'model_not_found',
      retryable: false,
      message:
        /OpenAI has no model `gpt-nonexistent` at http:\/\/127\.0\.0\.1:\d+\/s\/ok\/v1 \(404\)/,
    },
  ],
  [
    'OpenAI: a rate limit (429) with retry-after',
    () => openaiChat('rate-limit'),
    {
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 1000,
      message: /rate limiting requests \(429\); it asked to wait 1 s/,
    },
  ],
  [
    'OpenAI: a server error (500)',
    () => openaiChat('server-error', { stream: false }),
    { code: 'provider_error', retryable: true, message: /OpenAI failed on its side \(500\)/ },
  ],
  [
    'OpenAI: no answer within the time-out',
    () => openaiChat('hang', {}, FAST_TIMEOUT),
    {
      code: 'timeout',
      retryable: true,
      message: /did not answer within 0\.3 s.*WEFT_MODEL_TIMEOUT_MS/,
    },
  ],
  [
    'OpenAI: a stream cut in the middle',
    () => openaiChat('cut'),
    { code: 'stream_cut', retryable: true, message: /cut off the answer of model `test-chat`/ },
  ],
  [
    'OpenAI: a JSON answer cut in the middle',
    () => openaiChat('cut', { stream: false }),
    { code: 'stream_cut', retryable: true, message: /cut off the answer/ },
  ],
  [
    'OpenAI: malformed JSON',
    () => openaiChat('malformed', { stream: false }),
    {
      code: 'bad_response',
      retryable: false,
      message: /not what its API promises \(the body is not valid JSON\)/,
    },
  ],
  [
    'OpenAI: a malformed event in a stream',
    () => openaiChat('malformed'),
    { code: 'bad_response', retryable: false, message: /not what its API promises/ },
  ],
  [
    'OpenAI: a JSON answer where a stream was asked for',
    () => openaiChat('json-for-stream'),
    {
      code: 'bad_response',
      retryable: false,
      message: /a stream was asked for, application\/json came/,
    },
  ],
  [
    'OpenAI: an answer with no choices',
    () => openaiChat('wrong-shape', { stream: false }),
    { code: 'bad_response', retryable: false, message: /no choices in the answer/ },
  ],
  [
    'OpenAI: a server that is not running',
    async () => {
      const url = `http://127.0.0.1:${await closedPort()}/v1`;
      return runWithEnv(chatNode, { OPENAI_BASE_URL: url }, {}, { prompt: 'x', model: 'm' });
    },
    {
      code: 'provider_unreachable',
      retryable: true,
      message: /could not reach OpenAI at http:\/\/127\.0\.0\.1:\d+\/v1 \(connection refused\)/,
    },
  ],
  [
    'OpenAI: not configured',
    () => runWithEnv(chatNode, {}, {}, { prompt: 'x' }),
    {
      code: 'provider_not_configured',
      retryable: false,
      message: /provider `openai` needs OPENAI_API_KEY \(or OPENAI_BASE_URL for a local server\)/,
    },
  ],
  [
    'Hugging Face: a wrong token (401)',
    () => hfChat('ok', {}, { HF_TOKEN: 'hf_wrongToken123456' }),
    {
      code: 'provider_auth',
      retryable: false,
      message: /Hugging Face refused the key \(401\): check HF_TOKEN/,
    },
  ],
  [
    'Hugging Face: an endpoint that does not exist (404)',
    () =>
      runWithEnv(
        embedNode,
        { HF_TOKEN: TEST_HF_TOKEN, HF_ENDPOINT_URL: `${servers.hf.base()}/gone` },
        { text: 'x' },
        { provider: 'huggingface' },
      ),
    {
      code: 'model_not_found',
      retryable: false,
      message: /Hugging Face has no model .* \(404\).*does not exist/,
    },
  ],
  [
    'Hugging Face: a rate limit (429) with retry-after',
    () => hfChat('rate-limit', { stream: false }),
    {
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 1000,
      message: /\(429\); it asked to wait 1 s: Rate limit reached/,
    },
  ],
  [
    'Hugging Face: a rate limit while streaming',
    () => hfChat('rate-limit'),
    { code: 'rate_limited', retryable: true, retryAfterMs: 1000, message: /\(429\)/ },
  ],
  [
    'Hugging Face: a server error (500)',
    () => hfChat('server-error'),
    { code: 'provider_error', retryable: true, message: /Hugging Face failed on its side \(500\)/ },
  ],
  [
    'Hugging Face: no answer within the time-out',
    () => hfChat('hang', {}, FAST_TIMEOUT),
    { code: 'timeout', retryable: true, message: /Hugging Face did not answer within 0\.3 s/ },
  ],
  [
    'Hugging Face: a stream cut in the middle',
    () => hfChat('cut'),
    { code: 'stream_cut', retryable: true, message: /cut off the answer/ },
  ],
  [
    'Hugging Face: malformed JSON',
    () => hfChat('malformed', { stream: false }),
    { code: 'bad_response', retryable: false, message: /not what its API promises/ },
  ],
  [
    'Hugging Face: a JSON answer where a stream was asked for',
    () => hfChat('json-for-stream'),
    { code: 'bad_response', retryable: false, message: /does not support event stream/ },
  ],
  [
    'Hugging Face: a caption answer of the wrong shape',
    async () =>
      runWithEnv(
        describeImageNode,
        { HF_TOKEN: TEST_HF_TOKEN, HF_ENDPOINT_URL: `${servers.hf.base('wrong-shape')}/caption` },
        { image: await smallPng() },
        { provider: 'huggingface', mode: 'caption' },
      ),
    {
      code: 'bad_response',
      retryable: false,
      message: /not what its API promises .*generated_text/,
    },
  ],
  [
    'Hugging Face: not configured',
    () => runWithEnv(chatNode, {}, {}, { provider: 'huggingface', prompt: 'x' }),
    {
      code: 'provider_not_configured',
      retryable: false,
      message: /needs HF_TOKEN \(or HF_ENDPOINT_URL/,
    },
  ],
];

describe('provider failures reach the node as errors the engine can act on', () => {
  it.each(cases)('%s', async (_name, run, expected) => {
    const error = await failure(run());
    expect({ code: error.code, retryable: error.retryable }).toEqual({
      code: expected.code,
      retryable: expected.retryable,
    });
    expect(error.message).toMatch(expected.message);
    if (expected.retryAfterMs !== undefined) expect(error.retryAfterMs).toBe(expected.retryAfterMs);
    expect(error.message).not.toContain(TEST_KEY);
    expect(error.message).not.toContain(TEST_HF_TOKEN);
    expect(error.message).not.toMatch(/sk-\w|hf_\w/);
  });
});
