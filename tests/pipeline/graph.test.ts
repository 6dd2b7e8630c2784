import { describe, expect, it } from 'vitest';
import {
  ancestors,
  descendants,
  findCycles,
  placeholders,
  portsOf,
  topologicalOrder,
  wouldCreateCycle,
} from '../../pipeline/graph.ts';
import { describe as describeType } from '../../pipeline/registry.ts';
import { checkRegistry, file } from './fixtures.ts';

// a → b → d, a → c → d, plus e on its own
const diamond = file(
  [
    ['d', 't.sink'],
    ['c', 't.sink'],
    ['b', 't.sink'],
    ['a', 't.number'],
    ['e', 't.number'],
  ],
  ['a.out->b.in', 'a.out->c.in', 'b.out->d.in', 'c.out->d.in'],
);

describe('graph walks', () => {
  it('orders nodes topologically, ties by id', () => {
    expect(topologicalOrder(diamond)).toEqual({ order: ['a', 'b', 'c', 'd', 'e'], rest: [] });
  });

  it('leaves nodes on or after a cycle out of the order', () => {
    const cyclic = file(
      [
        ['a', 't.number'],
        ['b', 't.sink'],
        ['c', 't.sink'],
        ['d', 't.sink'],
      ],
      ['a.out->b.in', 'b.out->c.in', 'c.out->b.in', 'c.out->d.in'],
    );
    expect(topologicalOrder(cyclic)).toEqual({ order: ['a'], rest: ['b', 'c', 'd'] });
    expect(findCycles(cyclic)).toEqual([['b', 'c']]);
  });

  it('finds separate cycles and a node wired to itself', () => {
    const cyclic = file(
      [
        ['x', 't.sink'],
        ['p', 't.sink'],
        ['q', 't.sink'],
      ],
      ['x.out->x.in', 'q.out->p.in', 'p.out->q.in'],
    );
    expect(findCycles(cyclic)).toEqual([['p', 'q'], ['x']]);
  });

  it('finds ancestors and descendants', () => {
    expect([...ancestors(diamond, 'd')].sort()).toEqual(['a', 'b', 'c']);
    expect([...descendants(diamond, 'a')].sort()).toEqual(['b', 'c', 'd']);
    expect([...descendants(diamond, ['b', 'c'])]).toEqual(['d']);
    expect(descendants(diamond, 'e').size).toBe(0);
  });

  it('tells the editor when a new edge would close a cycle', () => {
    expect(wouldCreateCycle(diamond, { source: 'd', target: 'a' })).toBe(true);
    expect(wouldCreateCycle(diamond, { source: 'b', target: 'b' })).toBe(true);
    expect(wouldCreateCycle(diamond, { source: 'b', target: 'c' })).toBe(false);
    expect(wouldCreateCycle(diamond, { source: 'e', target: 'd' })).toBe(false);
  });

  it('walks a 100,000-node chain without recursion', () => {
    const count = 100_000;
    const nodes: [string, string][] = [];
    const edges: string[] = [];
    for (let i = 0; i < count; i++) {
      nodes.push([`n${String(i).padStart(6, '0')}`, 't.sink']);
      if (i > 0) edges.push(`${nodes[i - 1]?.[0]}.out->${nodes[i]?.[0]}.in`);
    }
    const chain = file(nodes, edges);
    expect(topologicalOrder(chain).order).toHaveLength(count);
    expect(ancestors(chain, 'n099999').size).toBe(count - 1);
    expect(wouldCreateCycle(chain, { source: 'n099999', target: 'n000000' })).toBe(true);
  });
});

describe('portsOf', () => {
  const template = describeType(checkRegistry.get('t.template')!);

  it('grows one input per distinct placeholder, from a definition or the editor info', () => {
    const ports = portsOf(template, { template: '{{ who }} met {{where}}, {{who}} again' });
    expect(ports.inputs).toEqual([
      { id: 'who', type: 'text' },
      { id: 'where', type: 'text' },
    ]);
    expect(portsOf(template, {}).inputs).toEqual([]);
  });

  it('grows optional ports from a list param', () => {
    const type = {
      inputs: [{ id: 'fixed', type: 'any' as const }],
      outputs: [],
      dynamicInputs: {
        param: 'names',
        kind: 'list' as const,
        type: 'any' as const,
        optional: true,
      },
    };
    expect(portsOf(type, { names: ['a', 'fixed', 'a', 3, 'b'] }).inputs).toEqual([
      { id: 'fixed', type: 'any' },
      { id: 'a', type: 'any', optional: true },
      { id: 'b', type: 'any', optional: true },
    ]);
  });

  it('reads placeholder names the way the template node fills them', () => {
    expect(placeholders('{{a}} {{ b_2 }} {{a}} {{not-this}} {{3x}}')).toEqual(['a', 'b_2']);
  });
});
