import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { greetPipeline, json, testApp } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeEach(async () => (t = await testApp()));
afterEach(async () => t.close());

describe('saved pipelines', () => {
  it('creates, lists, reads, replaces and deletes a pipeline', async () => {
    const created = await t.app.request('/api/pipelines', json(greetPipeline));
    expect(created.status).toBe(201);
    const { id, problems } = await created.json();
    expect(id).toMatch(/^greet-[0-9a-f]{6}$/);
    expect(problems).toEqual([]);
    expect(created.headers.get('location')).toBe(`/api/pipelines/${id}`);

    const list = await (await t.app.request('/api/pipelines')).json();
    expect(list).toEqual([expect.objectContaining({ id, name: 'Greet', nodeCount: 3 })]);

    const read = await (await t.app.request(`/api/pipelines/${id}`)).json();
    expect(read.pipeline).toEqual(greetPipeline);

    const renamed = { ...greetPipeline, name: 'Greet again' };
    const put = await t.app.request(`/api/pipelines/${id}`, json(renamed, 'PUT'));
    expect(put.status).toBe(200);
    expect((await (await t.app.request(`/api/pipelines/${id}`)).json()).pipeline.name).toBe(
      'Greet again',
    );

    expect((await t.app.request(`/api/pipelines/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.app.request(`/api/pipelines/${id}`)).status).toBe(404);
    expect((await t.app.request(`/api/pipelines/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('writes a pretty-printed file and leaves no temp file behind', async () => {
    await t.app.request('/api/pipelines/greeter', json(greetPipeline, 'PUT'));
    const dir = path.join(t.dataDir, 'pipelines');
    expect(readdirSync(dir)).toEqual(['greeter.json']);
    const text = readFileSync(path.join(dir, 'greeter.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(greetPipeline, null, 2)}\n`);
  });

  it('PUT creates a pipeline under the id given, with 201', async () => {
    const res = await t.app.request('/api/pipelines/my_flow-1', json(greetPipeline, 'PUT'));
    expect(res.status).toBe(201);
    expect((await res.json()).id).toBe('my_flow-1');
  });

  it('POST with an id that exists is a conflict', async () => {
    await t.app.request('/api/pipelines/taken', json(greetPipeline, 'PUT'));
    const res = await t.app.request('/api/pipelines?id=taken', json(greetPipeline));
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('conflict');
  });

  it('saves a pipeline with graph problems and lists them, so work in progress is kept', async () => {
    const unfinished = {
      ...greetPipeline,
      edges: [
        ...greetPipeline.edges,
        { id: 'loop', source: 'out', sourcePort: 'x', target: 'who', targetPort: 'y' },
      ],
    };
    const res = await t.app.request('/api/pipelines/wip', json(unfinished, 'PUT'));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.problems.length).toBeGreaterThan(0);
    expect(body.problems[0]).toEqual(
      expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
    );
    const read = await (await t.app.request('/api/pipelines/wip')).json();
    expect(read.problems).toEqual(body.problems);
  });

  it.each([
    ['an array', []],
    ['a string', 'pipeline'],
    ['no nodes', { version: 1, edges: [] }],
    ['a newer version', { version: 99, nodes: [], edges: [] }],
    ['an unknown key', { ...greetPipeline, colour: 'red' }],
  ])('refuses %s with 422 and the problems', async (_, body) => {
    const res = await t.app.request('/api/pipelines/x', json(body, 'PUT'));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_pipeline');
    expect(error.details.problems.length).toBeGreaterThan(0);
  });

  it.each(['..', '.hidden', 'a.b', 'a%2Fb', 'a%20b', `${'x'.repeat(101)}`, '%00'])(
    'refuses the unsafe id %s with 400',
    async (id) => {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const init = method === 'PUT' ? json(greetPipeline, 'PUT') : { method };
        const res = await t.app.request(`/api/pipelines/${id}`, init);
        expect([400, 404]).toContain(res.status);
        if (res.status === 400) expect((await res.json()).error.code).toBe('invalid_id');
      }
      expect(readdirSync(t.dataDir)).not.toContain('x');
    },
  );

  it('validates without saving, listing inputs and outputs', async () => {
    const res = await t.app.request('/api/validate', json(greetPipeline));
    expect(await res.json()).toEqual({
      valid: true,
      problems: [],
      inputs: [expect.objectContaining({ name: 'who', type: 'text', nodeId: 'who' })],
      outputs: [expect.objectContaining({ name: 'greeting', type: 'text', nodeId: 'out' })],
    });
    expect(await (await t.app.request('/api/pipelines')).json()).toEqual([]);
  });

  it('serves the catalogue and the file schema', async () => {
    const types = await (await t.app.request('/api/node-types')).json();
    const ocr = types.find((type: { type: string }) => type.type === 'image.ocr');
    expect(ocr.inputs).toEqual([expect.objectContaining({ id: 'image', type: 'image' })]);
    expect(ocr.paramsSchema.type).toBe('object');
    const schema = await (await t.app.request('/api/schema')).json();
    expect(schema.properties.nodes.type).toBe('array');
  });
});
