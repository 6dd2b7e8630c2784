import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, greetPipeline, json, readEvents, tempDir, testApp } from './helpers.ts';

/** Runs the fixture server until it reports its runs, then kills it without warning. */
async function killDuringRun(dataDir: string): Promise<{ done: string; hanging: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'tests/server/fixtures/run-then-hang.ts'), dataDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => (err += chunk));
  const ids = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out);
    });
    child.on('exit', (code) => reject(new Error(`fixture exited with ${code}: ${err}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return JSON.parse(ids);
}

describe('run history across restarts', () => {
  it('marks a run the server was killed during as interrupted, and keeps earlier runs', async () => {
    const dataDir = tempDir();
    const { done, hanging } = await killDuringRun(dataDir);
    const t = await testApp({ dataDir });
    try {
      const list = await (await t.app.request('/api/runs')).json();
      expect(list.runs.map((r: { id: string }) => r.id)).toEqual([hanging, done]);

      const finished = await (await t.app.request(`/api/runs/${done}`)).json();
      expect(finished).toMatchObject({ status: 'succeeded', outputs: { greeting: 'Hello Ed' } });

      const interrupted = await (await t.app.request(`/api/runs/${hanging}`)).json();
      expect(interrupted).toMatchObject({
        status: 'interrupted',
        error: { code: 'interrupted', message: expect.stringContaining('server stopped') },
        nodes: { nap: { status: 'cancelled' } },
      });
      const events = await readEvents(await t.app.request(`/api/runs/${hanging}/events`));
      expect(events[0]?.data.type).toBe('run.started');
      expect(events.at(-1)?.data).toMatchObject({ type: 'run.finished', status: 'interrupted' });

      const filtered = await (await t.app.request('/api/runs?status=interrupted')).json();
      expect(filtered.runs.map((r: { id: string }) => r.id)).toEqual([hanging]);
    } finally {
      await t.close();
    }
  });

  it('prunes runs beyond WEFT_RUN_MAX_COUNT, with their artifacts', async () => {
    const t = await testApp({ env: { WEFT_RUN_MAX_COUNT: '2' } });
    try {
      const ids: string[] = [];
      for (const who of ['a', 'b', 'c']) {
        const res = await t.app.request(
          '/api/runs',
          json({ pipeline: greetPipeline, inputs: { who }, wait: true }),
        );
        ids.push((await res.json()).id);
      }
      await t.services.runs.prune();
      const list = await (await t.app.request('/api/runs')).json();
      expect(list.runs.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
      expect((await t.app.request(`/api/runs/${ids[0]}`)).status).toBe(404);
      expect(existsSync(path.join(t.dataDir, 'artifacts', ids[0] as string))).toBe(false);
    } finally {
      await t.close();
    }
  });
});
