import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { startServer } from '../../server/start.ts';
import type { RunningServer } from '../../server/start.ts';
import { greetPipeline, readEvents, tempDir } from './helpers.ts';

describe('startServer', () => {
  let server: RunningServer;
  const editorDir = tempDir('weft-editor-');

  beforeAll(async () => {
    server = await startServer({
      port: 0,
      dataDir: tempDir(),
      editorDir,
      env: {},
      logger: createLogger({ level: 'silent' }),
    });
  });
  afterAll(async () => server.close());

  it('listens on 127.0.0.1 and says when the editor is not built', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('editor is not built');
    expect(html).toContain('href="/api/node-types"');
  });

  it('serves the built editor, falling back to index.html for its own routes', async () => {
    mkdirSync(path.join(editorDir, 'assets'), { recursive: true });
    writeFileSync(path.join(editorDir, 'index.html'), '<!doctype html><title>Weft editor</title>');
    writeFileSync(path.join(editorDir, 'assets', 'app.js'), 'console.log("hi")');
    expect(await (await fetch(server.url)).text()).toContain('Weft editor');
    expect(await (await fetch(`${server.url}/pipelines/abc`)).text()).toContain('Weft editor');
    const script = await fetch(`${server.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('runs a pipeline and streams its events over a real socket', async () => {
    const res = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pipeline: greetPipeline, inputs: { who: 'Flo' } }),
    });
    const { id } = await res.json();
    const events = await readEvents(await fetch(`${server.url}/api/runs/${id}/events`));
    expect(events.at(-1)?.data).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    const run = await (await fetch(`${server.url}/api/runs/${id}`)).json();
    expect(run.outputs).toEqual({ greeting: 'Hello Flo' });
  });
});
