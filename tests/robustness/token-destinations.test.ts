import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { startHuggingFaceServer } from '../model/servers/huggingface.ts';
import type { TestServer } from '../model/servers/http.ts';
import { json, testApp } from '../server/helpers.ts';

/**
 * A pipeline file comes from anywhere (an example from the web, a colleague's export) and a
 * model node's `model` may be an endpoint URL. The server's HF_TOKEN must go only where the
 * person running the server sent it: Hugging Face itself or HF_ENDPOINT_URL, never to a
 * server a pipeline file names.
 */
const TOKEN = 'hf_weftOperatorsOwnToken4242';
let server: TestServer;
beforeAll(async () => (server = await startHuggingFaceServer(undefined)));
afterAll(async () => server.close());

const at = { x: 0, y: 0 };
const chat = (model: string): PipelineFile => ({
  version: 1,
  name: 'Chat',
  nodes: [
    { id: 'ask', type: 'text.constant', position: at, params: { text: 'hello' } },
    {
      id: 'chat',
      type: 'model.chat',
      position: at,
      params: { provider: 'huggingface', model, stream: false, temperature: 0 },
    },
    { id: 'out', type: 'output.text', position: at, params: { name: 'answer' } },
  ],
  edges: [
    { id: 'e1', source: 'ask', sourcePort: 'text', target: 'chat', targetPort: 'prompt' },
    { id: 'e2', source: 'chat', sourcePort: 'text', target: 'out', targetPort: 'value' },
  ],
});

async function runWith(env: Record<string, string>, pipeline: PipelineFile) {
  const t = await testApp({ env: { HF_TOKEN: TOKEN, ...env } });
  try {
    const res = await t.app.request('/api/runs', json({ pipeline, wait: true }));
    return (await res.json()) as any;
  } finally {
    await t.close();
  }
}

const tokensSeen = () => server.received.filter((r) => r.authorization?.includes(TOKEN)).length;

describe('where HF_TOKEN is sent', () => {
  it('not to an endpoint URL that only the pipeline file names', async () => {
    const before = server.received.length;
    const run = await runWith({}, chat(`${server.base()}/chat`));
    expect(server.received.length).toBeGreaterThan(before);
    expect(tokensSeen()).toBe(0);
    // A server that needs no token still answers.
    expect(run.status).toBe('succeeded');
  });

  it('to the endpoint the server was given in HF_ENDPOINT_URL', async () => {
    const before = tokensSeen();
    const run = await runWith({ HF_ENDPOINT_URL: `${server.base()}/chat` }, chat(''));
    expect(run.status).toBe('succeeded');
    expect(tokensSeen()).toBeGreaterThan(before);
  });
});
