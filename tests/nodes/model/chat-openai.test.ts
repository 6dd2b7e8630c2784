import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatNode } from '../../../nodes/model/chat.ts';
import { startOpenAIServer } from '../../model/servers/openai.ts';
import type { Scenario, TestServer } from '../../model/servers/http.ts';
import { failure, runWithEnv, TEST_KEY } from '../../model/helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startOpenAIServer(TEST_KEY);
});
afterAll(() => server.close());
beforeEach(() => server.resetCounts());

const env = (scenario: Scenario = 'ok', extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: TEST_KEY,
  OPENAI_BASE_URL: `${server.base(scenario)}/v1`,
  ...extra,
});

const chat = (params: Record<string, unknown>, scenario?: Scenario, inputs = {}) =>
  runWithEnv(chatNode, env(scenario), inputs, { model: 'test-chat', ...params });

describe('model.chat on an OpenAI-compatible server', () => {
  it('streams tokens as they arrive and reports usage', async () => {
    const { outputs, reports } = await chat({ prompt: 'hello there', system: 'be brief' });
    expect(outputs.text).toBe('Echo: hello there (told: be brief)');
    expect(outputs.json).toBeNull();
    const streamed = reports.chunks.filter((c) => c.port === 'text').map((c) => c.chunk);
    expect(streamed.length).toBeGreaterThan(2);
    expect(streamed.join('')).toBe(outputs.text);
    expect(reports.usage).toEqual([{ inputTokens: expect.any(Number), outputTokens: 6 }]);
    const request = server.received.at(-1)!;
    expect(request.path).toBe('/s/ok/v1/chat/completions');
    expect(request.json).toMatchObject({
      model: 'test-chat',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.7,
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hello there' },
      ],
    });
  });

  it('answers without streaming when asked, with max tokens and stop texts', async () => {
    const { outputs, reports } = await chat({
      prompt: 'one two',
      stream: false,
      maxTokens: 50,
      stop: ['END'],
      temperature: 0,
    });
    expect(outputs.text).toBe('Echo: one two');
    expect(reports.chunks).toEqual([]);
    expect(reports.usage[0]).toMatchObject({ outputTokens: 3 });
    // A base URL means a compatible server, which knows `max_tokens`.
    expect(server.received.at(-1)!.json).toMatchObject({
      stream: false,
      max_tokens: 50,
      stop: ['END'],
      temperature: 0,
    });
  });

  it('takes the prompt from its input over its param', async () => {
    const { outputs } = await chat({ prompt: 'from param' }, 'ok', { prompt: 'from input' });
    expect(outputs.text).toBe('Echo: from input');
  });

  it('sends images to a vision model as data URLs in the message', async () => {
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: 'red' } })
      .png()
      .toBuffer();
    const image = {
      kind: 'image',
      data: new Uint8Array(png),
      mediaType: 'image/png',
      width: 4,
      height: 3,
    } as const;
    const { outputs } = await chat({ prompt: 'what is this?', stream: false }, 'ok', {
      images: [image, 'https://example.com/cat.jpg'],
    });
    expect(outputs.text).toBe('Echo: what is this? [2 images]');
    const content = server.received.at(-1)!.json.messages[0].content;
    expect(content[1].image_url.url).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(content[2].image_url.url).toBe('https://example.com/cat.jpg');
  });

  it('returns JSON that matches the schema it asked for', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, price: { type: 'number' } },
      required: ['name', 'price'],
      additionalProperties: false,
    };
    const { outputs } = await chat({ prompt: 'a shoe', schema, stream: false });
    expect(outputs.json).toEqual({ name: 'sample', price: 1.5 });
    expect(server.received.at(-1)!.json.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema, strict: false },
    });
  });

  it('says which field is wrong when the answer does not match the schema', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const error = await failure(chat({ prompt: 'a shoe', schema }, 'wrong-shape'));
    expect(error.code).toBe('output_schema_mismatch');
    expect(error.message).toMatch(/does not match param `schema`: name: .*expected string/);
    expect(error.retryable).toBe(true);
  });
});
