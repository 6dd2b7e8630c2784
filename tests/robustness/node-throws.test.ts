import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { Registry } from '../../pipeline/registry.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { nodeTypes } from '../../nodes/index.ts';
import { runPipeline } from '../../server/engine/index.ts';

/**
 * A node type may throw anything JavaScript can throw, not only an Error (JSONata throws plain
 * objects; a library may reject with a string or nothing). The run fails that node with a
 * message a person can read, never "[object Object]".
 */
function throwing(thrown: unknown): NodeDefinition<Record<string, never>> {
  return {
    type: 'test.throws',
    title: 'Throws',
    description: 'Throws what it is given.',
    category: 'transform',
    version: 1,
    inputs: [],
    outputs: [{ id: 'out', type: 'any' }],
    params: z.object({}),
    run: async () => {
      throw thrown;
    },
  };
}

const pipeline: PipelineFile = {
  version: 1,
  name: 'Throws',
  nodes: [{ id: 'boom', type: 'test.throws', position: { x: 0, y: 0 }, params: {} }],
  edges: [],
};

describe('a node that throws something other than an Error', () => {
  it.each<[string, unknown, string]>([
    [
      'an object with a message',
      { message: 'the quota is used up', code: 429 },
      'the quota is used up',
    ],
    ['a string', 'disk full', 'disk full'],
    ['an object without a message', { status: 'bad' }, 'it threw {"status":"bad"}'],
    ['undefined', undefined, 'it threw undefined'],
    ['null', null, 'it threw null'],
  ])('fails with a readable message when it throws %s', async (_case, thrown, message) => {
    const registry = new Registry([...nodeTypes, throwing(thrown)]);
    const result = await runPipeline(pipeline, { registry });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ nodeId: 'boom', code: 'node_error' });
    expect(result.error?.message).toBe(`node \`boom\` (test.throws): ${message}`);
  });
});
