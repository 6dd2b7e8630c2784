import { describe, expect, it } from 'vitest';
import { copyFragment, isFragment, pasteFragment } from '../../editor/model/clipboard.ts';
import { graphOf } from './fixtures.ts';

// words -> hello -> out, and an edge from outside the copied pair into it.
const graph = graphOf(
  [
    ['words', 'text.constant', { text: 'Ada' }],
    ['hello', 'text.template', { template: 'Hello, {{name}}!' }],
    ['out', 'output.text', { name: 'greeting' }],
  ],
  [
    ['words', 'text', 'hello', 'name'],
    ['hello', 'text', 'out', 'value'],
  ],
);

describe('copy and paste', () => {
  const fragment = copyFragment(graph, new Set(['hello', 'out']));

  it('copies the chosen nodes as file nodes, with only the edges between them', () => {
    expect(fragment.nodes.map((n) => n.id)).toEqual(['hello', 'out']);
    expect(fragment.nodes[0]).toEqual({
      id: 'hello',
      type: 'text.template',
      position: { x: 300, y: 0 },
      params: { template: 'Hello, {{name}}!' },
    });
    expect(fragment.edges).toEqual([
      { id: 'e2', source: 'hello', sourcePort: 'text', target: 'out', targetPort: 'value' },
    ]);
    // It survives the system clipboard as text.
    expect(isFragment(JSON.parse(JSON.stringify(fragment)))).toBe(true);
    expect(isFragment({ nodes: [], edges: [] })).toBe(false);
  });

  it('pastes under fresh ids, its inner edge rewired to the copies, moved and selected', () => {
    const pasted = pasteFragment(graph, fragment, { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => n.id)).toEqual(['text-template', 'output-text']);
    expect(pasted.nodes.map((n) => n.position)).toEqual([
      { x: 340, y: 40 },
      { x: 640, y: 40 },
    ]);
    expect(pasted.nodes.every((n) => n.selected)).toBe(true);
    expect(pasted.nodes[1]?.data).toEqual({ type: 'output.text', params: { name: 'greeting' } });
    expect(pasted.edges).toEqual([
      {
        id: 'e3',
        source: 'text-template',
        sourceHandle: 'text',
        target: 'output-text',
        targetHandle: 'value',
      },
    ]);
  });

  it('gives a second paste ids and a place of its own, and copies that share no params object', () => {
    const first = pasteFragment(graph, fragment, { x: 40, y: 40 });
    const after = {
      nodes: [...graph.nodes, ...first.nodes],
      edges: [...graph.edges, ...first.edges],
    };
    const second = pasteFragment(after, fragment, { x: 40, y: 40 });
    expect(second.nodes.map((n) => n.id)).toEqual(['text-template-2', 'output-text-2']);
    // Not on top of the first copy: a step further on.
    expect(second.nodes.map((n) => n.position)).toEqual([
      { x: 380, y: 80 },
      { x: 680, y: 80 },
    ]);
    expect(second.edges.map((e) => [e.id, e.source, e.target])).toEqual([
      ['e4', 'text-template-2', 'output-text-2'],
    ]);
    // Editing a copy's params must not change the original's.
    expect(second.nodes[0]?.data.params).not.toBe(fragment.nodes[0]?.params);
    expect(second.nodes[0]?.data.params).toEqual(fragment.nodes[0]?.params);
  });
});
