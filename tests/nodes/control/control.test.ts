import { describe, expect, it } from 'vitest';
import { controlNodes } from '../../../nodes/control/index.ts';
import { ifNode } from '../../../nodes/control/if.ts';
import { mergeNode } from '../../../nodes/control/merge.ts';
import { switchNode } from '../../../nodes/control/switch.ts';
import { checkPipeline } from '../../../pipeline/check.ts';
import type { NodeDefinition } from '../../../pipeline/node-type.ts';
import { Registry } from '../../../pipeline/registry.ts';
import type { Value } from '../../../pipeline/values.ts';
import { runPipeline } from '../../../server/engine/index.ts';
import { pipeline, recorder, testNodes } from '../../engine/fixtures.ts';
import { runNode } from '../harness.ts';

describe('control.if', () => {
  it.each<[Value, Record<string, unknown>, 'then' | 'else']>([
    ['yes', {}, 'then'],
    ['', {}, 'else'],
    [0, {}, 'else'],
    [[], {}, 'else'],
    [{ a: 1 }, {}, 'then'],
    [5, { test: 'greater', operand: '3' }, 'then'],
    ['2', { test: 'greater', operand: '3' }, 'else'],
    [3, { test: 'equals', operand: '3' }, 'then'],
    ['Paid in full', { test: 'contains', operand: 'full' }, 'then'],
    [['a', 'b'], { test: 'contains', operand: 'b' }, 'then'],
    ['2024-01-05', { test: 'matches', operand: '^\\d{4}-' }, 'then'],
    ['x', { test: 'not-equals', operand: 'x' }, 'else'],
    [null, { test: 'empty' }, 'then'],
  ])('sends %j with %j to `%s` only', async (value, params, side) => {
    const outputs = await runNode(ifNode, { value }, params);
    expect(outputs).toEqual({ [side]: value });
  });

  it('lets a connected condition decide alone', async () => {
    expect(await runNode(ifNode, { value: 'v', condition: false })).toEqual({ else: 'v' });
    expect(await runNode(ifNode, { value: '', condition: true })).toEqual({ then: '' });
  });

  it('refuses a regular expression that does not compile', () => {
    expect(ifNode.params.safeParse({ test: 'matches', operand: '(' }).success).toBe(false);
  });
});

describe('control.switch and control.merge', () => {
  it('routes by key or by the value itself, else to `default`', async () => {
    const cases = { cases: ['red', 'green', '3'] };
    expect(await runNode(switchNode, { value: 'green' }, cases)).toEqual({ green: 'green' });
    expect(await runNode(switchNode, { value: { n: 1 }, key: 3 }, cases)).toEqual({ 3: { n: 1 } });
    expect(await runNode(switchNode, { value: 'blue' }, cases)).toEqual({ default: 'blue' });
  });

  it('grows one output per case, which edges are checked against', () => {
    const registry = new Registry([...testNodes().definitions, ...controlNodes]);
    const wired = (port: string) =>
      checkPipeline(
        pipeline(
          [
            ['n', 'test.source'],
            ['s', 'control.switch', { cases: ['red', 'green'] }],
            ['x', 'test.step'],
          ],
          ['n.out->s.value', `s.${port}->x.in`],
        ),
        registry,
      ).problems.map((p) => p.message);
    expect(wired('green')).toEqual([]);
    expect(wired('default')).toEqual([]);
    expect(wired('blue')).toEqual([
      'edge `e1`: node `s` (control.switch) has no output `blue` (its outputs: `default`, `red`, `green`)',
    ]);
  });

  it('passes on the first input with a value, in the listed order', async () => {
    const params = { inputs: ['a', 'b', 'c'] };
    expect(await runNode(mergeNode, { b: 'second', c: 'third' }, params)).toEqual({
      value: 'second',
      from: 'b',
    });
    await expect(runNode(mergeNode, {}, params)).rejects.toThrow('control.merge');
  });
});

describe('branches in a run', () => {
  const registryWith = (extra: NodeDefinition<any>[]) => new Registry([...extra, ...controlNodes]);

  // n → if (greater than 3) → then: big → big2; else: small → small2; both → merge → out
  const branching = (value: number) =>
    pipeline(
      [
        ['n', 'test.source', { value }],
        ['if', 'control.if', { test: 'greater', operand: '3' }],
        ['big', 'test.step', { add: 100 }],
        ['big2', 'test.step'],
        ['small', 'test.step', { add: -100 }],
        ['small2', 'test.step'],
        ['merge', 'control.merge', { inputs: ['big', 'small'] }],
        ['out', 'test.output', { name: 'result' }],
      ],
      [
        'n.out->if.value',
        'if.then->big.in',
        'big.out->big2.in',
        'if.else->small.in',
        'small.out->small2.in',
        'big2.out->merge.big',
        'small2.out->merge.small',
        'merge.value->out.value',
      ],
    );

  it('skips the branch not taken and everything behind it, then joins again', async () => {
    const { calls, definitions: fresh } = testNodes();
    const registry = registryWith(fresh);
    expect(checkPipeline(branching(5), registry).problems).toEqual([]);
    const log = recorder();
    const result = await runPipeline(branching(5), { registry, onEvent: log.onEvent });

    expect(result.status).toBe('succeeded');
    expect(result.outputs).toEqual({ result: 106 });
    expect(calls).not.toContain('small');
    expect(calls).not.toContain('small2');
    expect(log.first('node.skipped', 'small').reason).toBe(
      'branch not taken: input `in` got no value from `if`',
    );
    expect(result.nodes.small2?.status).toBe('skipped');
    expect(result.nodes.merge?.outputs).toEqual({ value: 106, from: 'big' });

    const other = await runPipeline(branching(1), {
      registry: registryWith(testNodes().definitions),
    });
    expect(other.outputs).toEqual({ result: -98 });
  });

  it('skips a whole region behind an outer branch, inner merge included', async () => {
    const { calls, definitions: fresh } = testNodes();
    const file = pipeline(
      [
        ['n', 'test.source', { value: 'stop' }],
        ['outer', 'control.switch', { cases: ['go'] }],
        ['inner', 'control.if'],
        ['a', 'test.step'],
        ['b', 'test.step'],
        ['join', 'control.merge', { inputs: ['a', 'b'] }],
        ['after', 'test.step'],
      ],
      [
        'n.out->outer.value',
        'outer.go->inner.value',
        'inner.then->a.in',
        'inner.else->b.in',
        'a.out->join.a',
        'b.out->join.b',
        'join.value->after.in',
      ],
    );
    const result = await runPipeline(file, { registry: registryWith(fresh) });
    expect(result.status).toBe('succeeded');
    expect(calls).toEqual(['n']);
    for (const id of ['inner', 'a', 'b', 'join', 'after']) {
      expect(result.nodes[id]?.status).toBe('skipped');
    }
    expect(result.nodes.join?.skippedReason).toBe(
      'branch not taken: none of its inputs got a value',
    );
  });
});
