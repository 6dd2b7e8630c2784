import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createServices } from '../../server/services.ts';
import { TEST_KEY, useProviderServers } from './helpers.ts';

/** A token the Hugging Face server refuses, so its 401 answer is part of the run too. */
const REFUSED_HF_TOKEN = 'hf_weftRefusedToken987654321';

const servers = useProviderServers('hf_theOnlyTokenItTakes');
let dataDir: string;
const logLines: string[] = [];
const answers: string[] = [];

function file(nodes: PipelineFile['nodes'], edges: PipelineFile['edges']): PipelineFile {
  return { version: 1, name: 'secrets', nodes, edges };
}

const at = { x: 0, y: 0 };
const chatThenOutput = (provider: string, policy = {}) =>
  file(
    [
      { id: 'in', type: 'text.input', position: at, params: { name: 'prompt' } },
      {
        id: 'chat',
        type: 'model.chat',
        position: at,
        params: { provider, model: provider === 'openai' ? 'test-chat' : '' },
        policy,
      },
      { id: 'out', type: 'output.text', position: at, params: { name: 'answer' } },
    ],
    [
      { id: 'e1', source: 'in', sourcePort: 'text', target: 'chat', targetPort: 'prompt' },
      { id: 'e2', source: 'chat', sourcePort: 'text', target: 'out', targetPort: 'value' },
    ],
  );

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'weft-secrets-'));
  const env = {
    WEFT_DATA_DIR: dataDir,
    OPENAI_API_KEY: TEST_KEY,
    OPENAI_BASE_URL: `${servers.openai.base()}/v1`,
    HF_TOKEN: REFUSED_HF_TOKEN,
    HF_ENDPOINT_URL: `${servers.hf.base()}/chat`,
  };
  // The logger is told no secrets, so it scrubs nothing: a leak would show in its lines.
  const logger = createLogger({
    level: 'debug',
    env: {},
    destination: { write: (line: string) => void logLines.push(line) },
  });
  const services = await createServices({
    config: loadConfig(env),
    logger,
    env,
    examplesDir: path.join(dataDir, 'no-examples'),
    editorDir: path.join(dataDir, 'no-editor'),
  });
  const app = createApp(services);
  const post = async (pipeline: PipelineFile) => {
    const res = await app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pipeline, inputs: { prompt: 'hello' }, wait: true }),
    });
    const text = await res.text();
    answers.push(text);
    const { id } = JSON.parse(text) as { id: string };
    for (const route of [`/api/runs/${id}`, `/api/runs/${id}/events`]) {
      answers.push(await (await app.request(route)).text());
    }
    return JSON.parse(text) as { status: string };
  };
  const runs = [
    await post(chatThenOutput('openai')),
    await post(chatThenOutput('huggingface', { retries: 1, backoffMs: 1 })),
  ];
  expect(runs.map((r) => r.status)).toEqual(['succeeded', 'failed']);
  answers.push(await (await app.request('/api/providers')).text());
  await services.close();
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('no API key reaches the data folder, the run history or the log', () => {
  const secrets = () => [TEST_KEY, REFUSED_HF_TOKEN];

  it('ran what it should: a streamed answer and a refused token, both recorded', () => {
    const all = answers.join('\n');
    expect(all).toContain('Echo: hello');
    expect(all).toContain('Hugging Face refused the key (401): check HF_TOKEN');
    expect(filesUnder(dataDir).some((f) => f.endsWith('history.sqlite'))).toBe(true);
  });

  it('finds no key in any file of the data folder', () => {
    for (const file of filesUnder(dataDir)) {
      const bytes = readFileSync(file);
      for (const secret of secrets()) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
      }
    }
  });

  it('finds no key in the run records and events the API returns', () => {
    const all = answers.join('\n');
    for (const secret of secrets()) expect(all).not.toContain(secret);
  });

  it('finds no key in the log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('');
    for (const secret of secrets()) expect(all).not.toContain(secret);
  });
});
