import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { parentOf } from '../fixtures/shared.ts';
import { greetPipeline, json, testApp } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeEach(async () => (t = await testApp()));
afterEach(async () => t.close());

const at = { x: 0, y: 0 };

/** A pipeline whose only node calls the saved pipeline `target`. */
function callerOf(target: string): PipelineFile {
  return {
    version: 1,
    name: `Calls ${target}`,
    nodes: [
      {
        id: 'again',
        type: 'pipeline.call',
        position: at,
        params: { pipeline: target, inputs: [], outputs: [] },
      },
    ],
    edges: [],
  };
}

const save = (id: string, file: unknown) =>
  t.app.request(`/api/pipelines/${id}`, json(file, 'PUT'));

const run = (body: Record<string, unknown>) =>
  t.app.request('/api/runs', json({ wait: true, ...body }));

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('sub-pipelines over HTTP', () => {
  it('runs a saved parent that calls a saved pipeline, and sees the child edited since', async () => {
    expect((await save('greet', greetPipeline)).status).toBe(201);
    const saved = await t.app.request('/api/pipelines?id=parent', json(parentOf()));
    expect(saved.status).toBe(201);
    expect((await saved.json()).problems).toEqual([]);

    const first = await (await run({ pipelineId: 'parent' })).json();
    expect(first.status).toBe('succeeded');
    expect(first.outputs).toEqual({ text: 'Hello Ada' });
    expect(first.pipelineId).toBe('parent');

    // The called file is read at each run, so an edit to the child shows in the parent's next run.
    const edited = structuredClone(greetPipeline);
    (edited.nodes[1] as { params: Record<string, unknown> }).params.template = 'Hi {{who}}!';
    expect((await save('greet', edited)).status).toBe(200);
    const second = await (await run({ pipelineId: 'parent' })).json();
    expect(second.outputs).toEqual({ text: 'Hi Ada!' });
  });

  it('runs an unsaved parent given inline against the saved pipelines', async () => {
    await save('greet', greetPipeline);
    const res = await run({ pipeline: parentOf() });
    expect(res.status).toBe(200);
    expect((await res.json()).outputs).toEqual({ text: 'Hello Ada' });
  });

  it('saves a pipeline that calls itself, reports the loop, and refuses to run it', async () => {
    const put = await save('loop', callerOf('loop'));
    expect(put.status).toBe(201);
    const { problems } = await put.json();
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'recursive_call',
        nodeId: 'again',
        path: ['nodes', 0, 'params', 'pipeline'],
        message: expect.stringContaining('`loop` → `loop`'),
      }),
    ]);

    const read = await (await t.app.request('/api/pipelines/loop')).json();
    expect(codes(read.problems)).toEqual(['recursive_call']);

    const res = await run({ pipelineId: 'loop' });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_pipeline');
    expect(codes(error.details.problems)).toEqual(['recursive_call']);
  });

  it('refuses a file given with its saved id when it calls that pipeline: itself', async () => {
    await save('greet', greetPipeline);
    // Alone, the file calls the saved `greet`.
    const alone = await run({ pipeline: parentOf() });
    expect((await alone.json()).outputs).toEqual({ text: 'Hello Ada' });

    // Given as `greet`, it would call itself.
    const res = await run({ pipeline: parentOf(), pipelineId: 'greet' });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(codes(error.details.problems)).toEqual(['recursive_call']);
    expect(error.details.problems[0].message).toContain('`greet` → `greet`');
  });

  it('names the whole chain of a loop through another pipeline when it closes', async () => {
    const first = await (await save('a', callerOf('b'))).json();
    expect(codes(first.problems)).toEqual(['unknown_pipeline']);

    const second = await (await save('b', callerOf('a'))).json();
    expect(second.problems[0].message).toContain('`b` → `a` → `b`');
    // `a` did not change, but its saved call now leads back to it.
    const read = await (await t.app.request('/api/pipelines/a')).json();
    expect(read.problems[0].message).toContain('`a` → `b` → `a`');
    expect((await run({ pipelineId: 'a' })).status).toBe(422);
  });

  it('POST /api/validate says what to set when a call does not match the saved pipeline', async () => {
    await save('greet', greetPipeline);
    const res = await t.app.request('/api/validate', json(parentOf('greet', ['name'])));
    const body = await res.json();
    expect(body.valid).toBe(false);
    // The edge into `who` is reported too: the call has no such port until `inputs` lists it.
    expect(codes(body.problems)).toEqual(['call_mismatch', 'missing_port']);
    expect(body.problems[0]).toEqual(
      expect.objectContaining({
        code: 'call_mismatch',
        nodeId: 'call',
        path: ['nodes', 1, 'params', 'inputs'],
        message: expect.stringContaining('add `who`, remove `name`; set it to ["who"]'),
      }),
    );

    const fixed = await (await t.app.request('/api/validate', json(parentOf()))).json();
    expect(fixed).toMatchObject({ valid: true, problems: [], outputs: [{ name: 'text' }] });
  });

  it('reports a call of a pipeline that is not saved, or whose file is not JSON', async () => {
    const dir = path.join(t.dataDir, 'pipelines');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'greet.json'), '{ not json');
    const broken = await (await t.app.request('/api/validate', json(parentOf()))).json();
    expect(codes(broken.problems)).toEqual(['invalid_sub_pipeline']);

    for (const id of ['nobody', '../pipelines/greet']) {
      const missing = await (await t.app.request('/api/validate', json(callerOf(id)))).json();
      expect(missing.problems).toEqual([
        expect.objectContaining({
          code: 'unknown_pipeline',
          message: expect.stringContaining(`there is no saved pipeline \`${id}\``),
        }),
      ]);
    }
  });
});
