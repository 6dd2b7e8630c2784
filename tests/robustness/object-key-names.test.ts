import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { weft } from '../cli/helpers.ts';
import { json, testApp } from '../server/helpers.ts';

/**
 * Names a user picks become keys of plain objects: input and output names, placeholders,
 * switch cases. Names that JavaScript objects already carry (`constructor`, `toString`,
 * `__proto__`) must behave like any other name, or be refused with a clear problem; a run must
 * never read a function out of thin air or drop a value.
 */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => (t = await testApp()));
afterAll(async () => t.close());

const at = { x: 0, y: 0 };

/** text input `name` (with an optional default) -> output `out`. */
function echo(name: string, params: Record<string, unknown> = {}): PipelineFile {
  return {
    version: 1,
    name: 'Echo',
    nodes: [
      { id: 'in', type: 'text.input', position: at, params: { name, ...params } },
      { id: 'out', type: 'output.text', position: at, params: { name: 'out' } },
    ],
    edges: [{ id: 'e1', source: 'in', sourcePort: 'text', target: 'out', targetPort: 'value' }],
  };
}

async function run(pipeline: PipelineFile, inputs: Record<string, unknown> = {}) {
  const res = await t.app.request('/api/runs', json({ pipeline, inputs, wait: true }));
  return { status: res.status, body: (await res.json()) as any };
}

describe('names that plain objects already have', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'an input named %s that the run does not give asks for its value',
    async (name) => {
      const { status, body } = await run(echo(name));
      expect(status).toBe(200);
      expect(body.status).toBe('failed');
      expect(body.error).toMatchObject({ code: 'bad_input', nodeId: 'in' });
      expect(body.error.message).toContain(`gave no value for input \`${name}\``);
    },
  );

  it('an input named constructor takes its default, or the value given', async () => {
    expect((await run(echo('constructor', { default: 'd' }))).body.outputs).toEqual({ out: 'd' });
    const given = await run(echo('constructor'), { constructor: 'given' });
    expect(given.body.outputs).toEqual({ out: 'given' });
  });

  it('an input or output named __proto__ is refused, naming the param', async () => {
    const { status, body } = await run(echo('__proto__'), { __proto__: 'x' });
    expect(status).toBe(422);
    expect(body.error.details.problems).toContainEqual(
      expect.objectContaining({ code: 'invalid_params', path: ['nodes', 0, 'params', 'name'] }),
    );
  });

  it('a placeholder named {{constructor}} is filled like any other', async () => {
    const pipeline: PipelineFile = {
      version: 1,
      name: 'Template',
      nodes: [
        { id: 'in', type: 'text.input', position: at, params: { name: 'who' } },
        {
          id: 'fill',
          type: 'text.template',
          position: at,
          params: { template: 'hi {{constructor}}' },
        },
        { id: 'out', type: 'output.text', position: at, params: { name: 'out' } },
      ],
      edges: [
        { id: 'e1', source: 'in', sourcePort: 'text', target: 'fill', targetPort: 'constructor' },
        { id: 'e2', source: 'fill', sourcePort: 'text', target: 'out', targetPort: 'value' },
      ],
    };
    const { body } = await run(pipeline, { who: 'Ada' });
    expect(body).toMatchObject({ status: 'succeeded', outputs: { out: 'hi Ada' } });
  });

  it('a switch case named toString that is not taken skips what hangs off it', async () => {
    const pipeline: PipelineFile = {
      version: 1,
      name: 'Switch',
      nodes: [
        { id: 'in', type: 'text.input', position: at, params: { name: 'key' } },
        { id: 'pick', type: 'control.switch', position: at, params: { cases: ['toString', 'b'] } },
        { id: 'out', type: 'output.json', position: at, params: { name: 'out' } },
      ],
      edges: [
        { id: 'e1', source: 'in', sourcePort: 'text', target: 'pick', targetPort: 'value' },
        { id: 'e2', source: 'pick', sourcePort: 'toString', target: 'out', targetPort: 'value' },
      ],
    };
    const { body } = await run(pipeline, { key: 'b' });
    expect(body.status).toBe('succeeded');
    expect(body.outputs).toEqual({});
    expect(body.nodes.out.status).toBe('skipped');
  });

  it('weft run takes --input constructor=... once', async () => {
    const file = path.join(t.dataDir, 'echo.json');
    writeFileSync(file, JSON.stringify(echo('constructor')));
    const result = await weft(['run', file, '--input', 'constructor=hello', '--json']);
    expect(result.stderr).not.toContain('given twice');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ out: 'hello' });
  });
});
