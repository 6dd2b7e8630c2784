import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.ts';

/** A port nothing listens on, so a provider there refuses at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('GET /api/providers', () => {
  const key = 'sk-weft-test-0123456789abcdef';
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp({
      env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1` },
    });
  });
  afterAll(async () => t.close());

  it('says which providers are configured, and never shows a key', async () => {
    const res = await t.app.request('/api/providers');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(key);
    const providers = JSON.parse(text);
    const byId = Object.fromEntries(providers.map((p: { id: string }) => [p.id, p]));
    expect(byId.openai).toMatchObject({
      configured: true,
      endpoint: expect.stringContaining('127.0.0.1'),
    });
    expect(byId.huggingface).toMatchObject({
      configured: false,
      needs: expect.stringContaining('HF_TOKEN'),
    });
    expect(byId.local.configured).toBe(true);
  });
});
