import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, testApp } from '../server/helpers.ts';

/**
 * Two clients saving at the same moment (two editor tabs, a script and a person) must never
 * lose a pipeline without being told, nor leave a torn file behind.
 */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => (t = await testApp()));
afterAll(async () => t.close());

const file = (name: string, nodes = 0) => ({
  version: 1,
  name,
  nodes: Array.from({ length: nodes }, (_, i) => ({
    id: `n${i}`,
    type: 'text.constant',
    position: { x: i, y: 0 },
    params: { text: `${name} ${i}` },
  })),
  edges: [],
});

describe('saving the same pipeline at once', () => {
  it('creates a chosen id once; every other create is refused with 409', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const res = await t.app.request('/api/pipelines?id=shared', json(file(`take ${i}`)));
        return { status: res.status, name: `take ${i}` };
      }),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(11);

    // What is stored is what the one 201 said it saved.
    const stored = await (await t.app.request('/api/pipelines/shared')).json();
    expect(stored.pipeline.name).toBe(created[0]?.name);
  });

  it('says created once and leaves one whole file after concurrent saves, no temp files', async () => {
    const dir = path.join(t.dataDir, 'pipelines');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.app.request('/api/pipelines/busy', json(file(`v${i}`, 200), 'PUT')),
      ),
    );
    // One of them created it; the others replaced it.
    expect(answers.filter((res) => res.status === 201)).toHaveLength(1);
    expect(answers.filter((res) => res.status === 200)).toHaveLength(29);
    const saved = JSON.parse(readFileSync(path.join(dir, 'busy.json'), 'utf8'));
    expect(saved.nodes).toHaveLength(200);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
