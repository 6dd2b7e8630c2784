import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { json, testApp } from '../server/helpers.ts';

/**
 * A node can make a value nested far deeper than any request body may be (parse-json on a text
 * of ten thousand `[`). The run must say which node made it and what to change, not overflow
 * the stack somewhere it is hashed, previewed or saved.
 */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => (t = await testApp()));
afterAll(async () => t.close());

const at = { x: 0, y: 0 };

/** text input `text` -> parse JSON -> output `value`. */
const parse: PipelineFile = {
  version: 1,
  name: 'Parse',
  nodes: [
    { id: 'text', type: 'text.input', position: at, params: { name: 'text' } },
    { id: 'parse', type: 'transform.parse-json', position: at, params: {} },
    { id: 'out', type: 'output.json', position: at, params: { name: 'value' } },
  ],
  edges: [
    { id: 'e1', source: 'text', sourcePort: 'text', target: 'parse', targetPort: 'text' },
    { id: 'e2', source: 'parse', sourcePort: 'value', target: 'out', targetPort: 'value' },
  ],
};

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

async function run(text: string) {
  const res = await t.app.request(
    '/api/runs',
    json({ pipeline: parse, inputs: { text }, wait: true }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

describe('values nested too deep', () => {
  it('fail the node that made them, naming the limit', async () => {
    const body = await run(nested(10_000));
    expect(body.status).toBe('failed');
    expect(body.error).toMatchObject({ code: 'too_deep', nodeId: 'parse' });
    expect(body.error.message).toMatch(/output `value` nests .* more than 256 levels/);
    expect(body.nodes.out.status).toBe('skipped');
  });

  it('pass through whole when they are within the limit', async () => {
    const body = await run(nested(200));
    expect(body.status).toBe('succeeded');
    expect(JSON.stringify(body.outputs.value)).toBe(nested(200));
  });
});

describe('values too long to hold', () => {
  it('fail the node that would make them, saying so', async () => {
    const template = '{{a}}'.repeat(50_000);
    const pipeline: PipelineFile = {
      version: 1,
      name: 'Amplify',
      nodes: [
        { id: 'text', type: 'text.input', position: at, params: { name: 'text' } },
        { id: 'many', type: 'text.template', position: at, params: { template } },
        { id: 'out', type: 'output.text', position: at, params: { name: 'value' } },
      ],
      edges: [
        { id: 'e1', source: 'text', sourcePort: 'text', target: 'many', targetPort: 'a' },
        { id: 'e2', source: 'many', sourcePort: 'text', target: 'out', targetPort: 'value' },
      ],
    };
    const inputs = { text: 'x'.repeat(1_000_000) };
    const res = await t.app.request('/api/runs', json({ pipeline, inputs, wait: true }));
    const body = (await res.json()) as any;
    expect(body.status).toBe('failed');
    expect(body.error.nodeId).toBe('many');
    expect(body.error.message).toMatch(/node `many` \(text\.template\): .*too long.*smaller/);
  });
});
