import { describe, expect, it } from 'vitest';
import { callPortParams } from '../../editor/model/calls.ts';
import { NEW_NODE_SIZE, freeSpot } from '../../editor/model/placement.ts';
import { danglingHandles } from '../../editor/model/ports.ts';
import type { NodeTypeInfo } from '../../pipeline/node-type.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { catalogue, graphOf } from './fixtures.ts';

const call = catalogue['pipeline.call'] as NodeTypeInfo;

const called: PipelineFile = {
  version: 1,
  name: 'Caption',
  nodes: [
    { id: 'photo', type: 'image.input', position: { x: 0, y: 0 }, params: { name: 'photo' } },
    { id: 'hint', type: 'text.input', position: { x: 0, y: 200 }, params: { name: 'hint' } },
    { id: 'ocr', type: 'image.ocr', position: { x: 300, y: 0 }, params: {} },
    { id: 'text', type: 'output.text', position: { x: 600, y: 0 }, params: { name: 'text' } },
    { id: 'raw', type: 'output.json', position: { x: 600, y: 200 }, params: { name: 'raw' } },
  ],
  edges: [],
};

describe('calling a saved pipeline', () => {
  it("fills the params the node's ports grow from with the called pipeline's names", () => {
    expect(callPortParams(call, called, catalogue)).toEqual({
      inputs: ['photo', 'hint'],
      outputs: ['text', 'raw'],
    });
  });

  it('follows the dynamic port declarations, whatever the node type', () => {
    const renamed: NodeTypeInfo = {
      ...call,
      type: 'acme.run',
      dynamicInputs: { param: 'needs', kind: 'list', type: 'any' },
    };
    delete renamed.dynamicOutputs;
    expect(callPortParams(renamed, called, catalogue)).toEqual({ needs: ['photo', 'hint'] });
    // Ports grown from a template's placeholders are not names to fill in.
    const template = catalogue['text.template'] as NodeTypeInfo;
    expect(callPortParams(template, called, catalogue)).toEqual({});
  });
});

describe('edges into ports a node lacks', () => {
  it('names, per node, each handle an edge needs that the node does not have', () => {
    const graph = graphOf(
      [
        ['words', 'text.constant'],
        ['ocr', 'image.ocr'],
        ['mystery', 'image.sharpen'],
      ],
      [
        ['words', 'text', 'ocr', 'picture'],
        ['words', 'txt', 'ocr', 'language'],
        ['words', 'text', 'mystery', 'anything'],
      ],
    );
    expect(Object.fromEntries(danglingHandles(graph, catalogue))).toEqual({
      ocr: ['in:picture', 'in:language'],
      words: ['out:txt'],
    });
  });
});

describe('where a new node lands', () => {
  const graph = graphOf([
    ['a', 'text.constant'],
    ['b', 'text.constant'],
  ]);
  // graphOf puts nodes 300 apart in a row: `a` at x 0, `b` at x 300.
  const sized = graph.nodes.map((n) => ({ ...n, measured: { width: 230, height: 100 } }));

  it('lands where it was dropped when that covers nothing', () => {
    expect(freeSpot({ x: 0, y: 400 }, sized)).toEqual({ x: 0, y: 400 });
  });

  it('moves below a node it would cover, and below the next one too', () => {
    expect(freeSpot({ x: 10, y: 10 }, sized)).toEqual({ x: 10, y: 120 });
    const c = { ...(sized[0] as (typeof sized)[number]), id: 'c', position: { x: 0, y: 120 } };
    expect(freeSpot({ x: 10, y: 10 }, [...sized, c])).toEqual({ x: 10, y: 240 });
  });

  it('takes an unmeasured node to be about the size of a new one', () => {
    expect(freeSpot({ x: 0, y: 0 }, graph.nodes)).toEqual({ x: 0, y: NEW_NODE_SIZE.height + 20 });
  });
});
