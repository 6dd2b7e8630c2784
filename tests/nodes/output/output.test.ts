import { describe, expect, it } from 'vitest';
import type { Value } from '../../../pipeline/values.ts';
import { outputNodes } from '../../../nodes/output/index.ts';
import { exampleImage, runNode } from '../harness.ts';

describe('output nodes', () => {
  it('are text, json and image, each a named pipeline output taking `value`', () => {
    expect(outputNodes.map((n) => [n.type, n.io, n.inputs[0]?.type])).toEqual([
      ['output.text', 'output', 'text'],
      ['output.json', 'output', 'json'],
      ['output.image', 'output', 'image'],
    ]);
  });

  it.each<[string, () => Promise<Value>]>([
    ['output.text', async () => 'the answer'],
    ['output.json', async () => ({ rows: [1, 2] })],
    ['output.image', () => exampleImage('examples/thumbnails/photo.jpg')],
  ])('%s hands its input back as `value`', async (type, make) => {
    const node = outputNodes.find((n) => n.type === type);
    if (!node) throw new Error(`${type} is not registered`);
    const value = await make();
    expect((await runNode(node, { value }, { name: 'result' })).value).toBe(value);
  });

  it('names itself when nothing is connected', async () => {
    const [text] = outputNodes;
    if (!text) throw new Error('no output nodes');
    await expect(runNode(text, {}, { name: 'summary' })).rejects.toThrow(
      'output.text `summary`: input `value` has no value',
    );
  });
});
