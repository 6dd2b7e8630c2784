import { describe, expect, it } from 'vitest';
import { describeProviders } from '../../nodes/model/providers/index.ts';
import { TEST_HF_TOKEN, TEST_KEY, useProviderServers } from './helpers.ts';
import { OPENAI_MODELS } from './servers/openai.ts';

const servers = useProviderServers();

const byId = async (env: Record<string, string>) =>
  Object.fromEntries((await describeProviders(env)).map((p) => [p.id, p]));

describe('describeProviders (GET /api/providers)', () => {
  it('lists the models each configured server offers, and its limit', async () => {
    const providers = await byId({
      OPENAI_API_KEY: TEST_KEY,
      OPENAI_BASE_URL: `${servers.openai.base()}/v1`,
      HF_TOKEN: TEST_HF_TOKEN,
      HF_ENDPOINT_URL: `${servers.hf.base()}/chat`,
      WEFT_OPENAI_CONCURRENCY: '7',
    });
    expect(providers.openai).toMatchObject({
      configured: true,
      endpoint: `${servers.openai.base()}/v1`,
      models: [...OPENAI_MODELS].sort(),
      concurrency: 7,
    });
    expect(providers.huggingface).toMatchObject({
      configured: true,
      endpoint: `${servers.hf.base()}/chat`,
      models: ['tgi-test-model'],
      concurrency: 4,
    });
    expect(providers.local).toMatchObject({ configured: true, concurrency: 1 });
    expect(providers.local!.tasks).toContain('detect');
  });

  it('says what to set for a provider that is not configured', async () => {
    const providers = await byId({});
    expect(providers.openai).toMatchObject({
      configured: false,
      needs: 'provider `openai` needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)',
    });
    expect(providers.openai).not.toHaveProperty('models');
    expect(providers.huggingface!.needs).toContain('HF_TOKEN');
  });

  it('reports a model list it could not get without the key, and still calls it configured', async () => {
    const env = {
      OPENAI_API_KEY: 'sk-a-wrong-key-999999',
      OPENAI_BASE_URL: `${servers.openai.base()}/v1`,
    };
    const providers = await byId(env);
    expect(providers.openai).toMatchObject({ configured: true });
    expect(providers.openai!.modelsError).toMatch(/^could not list models: 401/);
    expect(JSON.stringify(providers)).not.toMatch(/sk-a|999999/);
  });

  it('never returns a key or token', async () => {
    const env = {
      OPENAI_API_KEY: TEST_KEY,
      OPENAI_BASE_URL: `${servers.openai.base()}/v1`,
      HF_TOKEN: TEST_HF_TOKEN,
      HF_ENDPOINT_URL: `${servers.hf.base()}/chat`,
    };
    const text = JSON.stringify(await describeProviders(env));
    expect(text).not.toContain(TEST_KEY);
    expect(text).not.toContain(TEST_HF_TOKEN);
  });
});
