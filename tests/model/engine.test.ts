import { beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../../nodes/index.ts';
import type { RunEvent } from '../../pipeline/events.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { runPipeline } from '../../server/engine/index.ts';
import { TEST_HF_TOKEN, TEST_KEY, useProviderServers } from './helpers.ts';
import type { Scenario } from './servers/http.ts';

const servers = useProviderServers();
beforeEach(() => {
  servers.openai.resetCounts();
  servers.hf.resetCounts();
});

const openaiEnv = (scenario: Scenario = 'ok', extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: TEST_KEY,
  OPENAI_BASE_URL: `${servers.openai.base(scenario)}/v1`,
  ...extra,
});
const hfEnv = (scenario: Scenario = 'ok', extra: Record<string, string> = {}) => ({
  HF_TOKEN: TEST_HF_TOKEN,
  HF_ENDPOINT_URL: `${servers.hf.base(scenario)}/chat`,
  ...extra,
});

/** `count` chat nodes on one prompt input, each feeding a text output of its own. */
function chatFan(count: number, params: Record<string, unknown>, policy = {}): PipelineFile {
  const nodes: PipelineFile['nodes'] = [
    { id: 'in', type: 'text.input', position: { x: 0, y: 0 }, params: { name: 'prompt' } },
  ];
  const edges: PipelineFile['edges'] = [];
  for (let i = 0; i < count; i++) {
    const chat = `chat${i}`;
    nodes.push({ id: chat, type: 'model.chat', position: { x: 300, y: i * 100 }, params, policy });
    nodes.push({
      id: `out${i}`,
      type: 'output.text',
      position: { x: 600, y: i * 100 },
      params: { name: `answer${i}` },
    });
    edges.push({
      id: `a${i}`,
      source: 'in',
      sourcePort: 'text',
      target: chat,
      targetPort: 'prompt',
    });
    edges.push({
      id: `b${i}`,
      source: chat,
      sourcePort: 'text',
      target: `out${i}`,
      targetPort: 'value',
    });
  }
  return { version: 1, name: 'fan-out', nodes, edges };
}

async function run(
  pipeline: PipelineFile,
  env: Record<string, string>,
  options: { signal?: AbortSignal; concurrency?: number } = {},
) {
  const events: RunEvent[] = [];
  const result = await runPipeline(pipeline, {
    registry,
    env,
    inputs: { prompt: 'tell me a story' },
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { result, events };
}

describe('model nodes in a run (runPipeline)', () => {
  it('streams tokens into progress events and reports usage in the finished event', async () => {
    const { result, events } = await run(chatFan(1, { model: 'test-chat' }), openaiEnv());
    expect(result.status).toBe('succeeded');
    expect(result.outputs.answer0).toBe('Echo: tell me a story');
    const chunks = events.flatMap((e) =>
      e.type === 'node.progress' && e.port === 'text' ? [e.chunk] : [],
    );
    expect(chunks.join('')).toBe('Echo: tell me a story');
    const finished = events.find((e) => e.type === 'node.finished' && e.nodeId === 'chat0');
    expect(finished).toMatchObject({ usage: { inputTokens: expect.any(Number), outputTokens: 5 } });
  });

  it('fails the check before running when a provider is not configured, naming the variable', async () => {
    const { result } = await run(chatFan(1, {}), {});
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain(
      'node `chat0` (model.chat): provider `openai` needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)',
    );
    expect(servers.openai.received).toHaveLength(0);
  });

  it.each([
    ['OpenAI', () => servers.openai, () => openaiEnv('rate-limit-once'), { model: 'test-chat' }],
    ['Hugging Face', () => servers.hf, () => hfEnv('rate-limit-once'), { provider: 'huggingface' }],
  ])(
    'retries %s after a 429 once the time it asked for has passed',
    async (_n, server, env, params) => {
      const started = performance.now();
      const { result, events } = await run(
        chatFan(1, params, { retries: 2, backoffMs: 10 }),
        env(),
      );
      expect(result.status).toBe('succeeded');
      expect(result.nodes.chat0?.attempts).toBe(2);
      const failed = events.find((e) => e.type === 'node.failed');
      expect(failed).toMatchObject({ willRetry: true, error: { code: 'rate_limited' } });
      // The server said `retry-after: 1`: the engine waited that long, not its 10 ms backoff.
      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
      expect(server().received).toHaveLength(2);
    },
  );

  it('does not retry a wrong key', async () => {
    const env = openaiEnv('ok', { OPENAI_API_KEY: 'sk-not-the-right-one' });
    const { result } = await run(chatFan(1, { model: 'test-chat' }, { retries: 3 }), env);
    expect(result.status).toBe('failed');
    expect(result.nodes.chat0).toMatchObject({ attempts: 1, error: { code: 'provider_auth' } });
    expect(result.error?.message).toMatch(/^node `chat0` \(model.chat\): OpenAI refused the key/);
  });

  it.each([
    ['OpenAI', () => servers.openai, () => openaiEnv('hang'), { model: 'test-chat' }],
    ['Hugging Face', () => servers.hf, () => hfEnv('hang'), { provider: 'huggingface' }],
  ])(
    'aborts the %s request in flight when the run is cancelled',
    async (_n, server, env, params) => {
      const controller = new AbortController();
      const running = run(chatFan(1, params), env(), { signal: controller.signal });
      await until(() => server().inFlight === 1);
      controller.abort();
      const { result } = await running;
      expect(result.status).toBe('cancelled');
      // The server saw the client hang up before it answered.
      await until(() => server().abandoned.length === 1);
      expect(server().inFlight).toBe(0);
    },
  );

  it.each([
    ['OpenAI', () => servers.openai, () => openaiEnv('slow', { WEFT_OPENAI_CONCURRENCY: '3' }), {}],
    [
      'Hugging Face',
      () => servers.hf,
      () => hfEnv('slow', { WEFT_HF_CONCURRENCY: '2' }),
      { provider: 'huggingface' },
    ],
  ])(
    'holds the %s limit on requests in flight under a 40-node fan-out',
    async (name, server, env, params) => {
      const limit = name === 'OpenAI' ? 3 : 2;
      const pipeline = chatFan(40, { model: 'test-chat', stream: false, ...params });
      const { result } = await run(pipeline, env(), { concurrency: 40 });
      expect(result.status).toBe('succeeded');
      expect(Object.keys(result.outputs)).toHaveLength(40);
      expect(server().received).toHaveLength(40);
      expect(server().maxInFlight).toBe(limit);
    },
  );

  it('shares one limit between runs of the process', async () => {
    const env = openaiEnv('slow', { WEFT_OPENAI_CONCURRENCY: '2' });
    const pipeline = chatFan(6, { model: 'test-chat', stream: false });
    const results = await Promise.all([
      run(pipeline, env, { concurrency: 6 }),
      run(pipeline, env, { concurrency: 6 }),
    ]);
    expect(results.map((r) => r.result.status)).toEqual(['succeeded', 'succeeded']);
    expect(servers.openai.maxInFlight).toBe(2);
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
