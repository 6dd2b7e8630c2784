import { describe, expect, it } from 'vitest';
import { checkPipeline } from '../../pipeline/check.ts';
import type { ProblemCode } from '../../pipeline/problems.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { checkRegistry, file } from './fixtures.ts';

type File = PipelineFile;
const check = (input: unknown, env?: Record<string, string>) =>
  checkPipeline(input, checkRegistry, env ? { env } : {});

const chain = () =>
  file(
    [
      ['a', 't.number'],
      ['b', 't.sink'],
    ],
    ['a.out->b.in'],
  );
const edit = (change: (f: File) => void) => {
  const f = chain();
  change(f);
  return f;
};

describe('checkPipeline', () => {
  it('accepts a valid pipeline and fills in params defaults', () => {
    const result = check(
      file(
        [
          ['t', 't.template'],
          ['s', 't.sized'],
        ],
        [],
      ),
    );
    expect(result.problems.filter((p) => p.code !== 'input_not_connected')).toEqual([]);
    expect(result.pipeline?.nodes.map((n) => n.params)).toEqual([
      { template: 'Hi {{name}}' },
      { width: 10 },
    ]);
    expect(check(chain()).problems).toEqual([]);
  });

  it.each<[string, unknown, ProblemCode, (string | number)[], string]>([
    [
      'a newer format version',
      { ...chain(), version: 2 },
      'unsupported_version',
      ['version'],
      'version 2; this Weft reads version 1',
    ],
    ['a file that is not an object', [1, 2], 'invalid_file', [], 'must be a JSON object'],
    [
      'nodes that are not a list',
      { version: 1, nodes: 'x', edges: [] },
      'invalid_file',
      ['nodes'],
      '`nodes`',
    ],
    [
      'an unknown node type',
      file([['x', 't.nope']]),
      'unknown_node_type',
      ['nodes', 0, 'type'],
      'node `x` (t.nope): there is no node type `t.nope`',
    ],
    [
      'a duplicate node id',
      file([
        ['a', 't.number'],
        ['a', 't.number'],
      ]),
      'duplicate_id',
      ['nodes', 1, 'id'],
      'node id `a` is used by nodes 1 and 2',
    ],
    [
      'a duplicate edge id',
      edit((f) => f.edges.push({ ...f.edges[0]!, id: 'e0' })),
      'duplicate_id',
      ['edges', 1, 'id'],
      'edge `e0`: the id is also used by edge 1',
    ],
    [
      'an edge to a missing node',
      file([['a', 't.number']], ['a.out->zz.in']),
      'missing_node',
      ['edges', 0, 'target'],
      'target node `zz` does not exist',
    ],
    [
      'an edge to a missing port',
      file(
        [
          ['a', 't.number'],
          ['b', 't.sink'],
        ],
        ['a.out->b.nope'],
      ),
      'missing_port',
      ['edges', 0, 'targetPort'],
      'node `b` (t.sink) has no input `nope` (its inputs: `in`)',
    ],
    [
      'two edges into one input',
      file(
        [
          ['a', 't.number'],
          ['c', 't.number'],
          ['b', 't.sink'],
        ],
        ['a.out->b.in', 'c.out->b.in'],
      ),
      'input_already_connected',
      ['edges', 1, 'targetPort'],
      'node `b` (t.sink): input `in` is connected twice (edges `e0` and `e1`)',
    ],
    [
      'a port type mismatch',
      file(
        [
          ['i', 't.image'],
          ['b', 't.sink'],
        ],
        ['i.out->b.in'],
      ),
      'port_type_mismatch',
      ['edges', 0, 'targetPort'],
      'output `out` of `i` gives image, but input `in` of node `b` (t.sink) takes number',
    ],
    [
      'a cycle',
      file(
        [
          ['a', 't.sink'],
          ['b', 't.sink'],
          ['c', 't.sink'],
        ],
        ['a.out->b.in', 'b.out->c.in', 'c.out->a.in'],
      ),
      'cycle',
      ['edges', 2],
      'nodes `a` → `b` → `c` → `a` form a cycle',
    ],
    [
      'a required input left empty',
      file([['ocr', 't.sink']]),
      'input_not_connected',
      ['nodes', 0],
      'node `ocr` (t.sink): input `in` is not connected; connect it',
    ],
    [
      'params that fail their schema',
      file([['s', 't.sized', { width: 500 }]]),
      'invalid_params',
      ['nodes', 0, 'params', 'width'],
      'node `s` (t.sized): param `width`',
    ],
    [
      'a bad policy',
      edit((f) => (f.nodes[0]!.policy = { retries: 99 })),
      'invalid_policy',
      ['nodes', 0, 'policy', 'retries'],
      'node `a` (t.number): `policy.retries`',
    ],
    [
      'a map over a missing port',
      edit((f) => (f.nodes[1]!.map = { port: 'items', concurrency: 4 })),
      'invalid_map',
      ['nodes', 1, 'map', 'port'],
      'node `b` (t.sink): it maps over input `items`, which it does not have (its inputs: `in`)',
    ],
    [
      'a preflight problem',
      file([['m', 't.model']]),
      'preflight',
      ['nodes', 0],
      'node `m` (t.model): KEY is not set',
    ],
    [
      'two inputs of one name',
      file([
        ['p', 't.input', { name: 'x' }],
        ['q', 't.input', { name: 'x' }],
      ]),
      'duplicate_id',
      ['nodes', 1, 'params', 'name'],
      '`p` is already the pipeline input named `x`',
    ],
  ])('reports %s', (_what, input, code, path, message) => {
    const { problems } = check(input, {});
    const found = problems.find((p) => p.code === code);
    expect(found, JSON.stringify(problems)).toBeDefined();
    expect(found?.path).toEqual(path);
    expect(found?.message).toContain(message);
  });

  it('returns every problem at once, each with its node or edge id', () => {
    const input = file(
      [
        ['a', 't.number'],
        ['b', 't.sink'],
        ['x', 't.nope'],
        ['s', 't.sized', { width: 'wide' }],
      ],
      ['a.out->b.nope', 'a.out->q.in'],
    );
    const { problems } = check(input);
    expect(problems.map((p) => [p.code, p.nodeId ?? p.edgeId])).toEqual([
      ['unknown_node_type', 'x'],
      ['invalid_params', 's'],
      ['missing_port', 'e0'],
      ['missing_node', 'e1'],
      ['input_not_connected', 'b'],
    ]);
  });

  it('returns the pipeline even when its graph has problems, so the editor can open it', () => {
    const cyclic = file(
      [
        ['a', 't.sink'],
        ['b', 't.sink'],
      ],
      ['a.out->b.in', 'b.out->a.in'],
    );
    expect(check(cyclic).pipeline?.nodes).toHaveLength(2);
    expect(check(edit((f) => (f.nodes[0]!.policy = { retries: -1 }))).pipeline?.nodes[0]).toEqual(
      expect.not.objectContaining({ policy: expect.anything() }),
    );
    expect(check({ ...chain(), version: 7 }).pipeline).toBeUndefined();
  });

  it('counts an input with a fallback param as given when the param is set', () => {
    expect(check(file([['f', 't.fallback', { text: 'hi' }]])).problems).toEqual([]);
    const { problems } = check(file([['f', 't.fallback']]));
    expect(problems.map((p) => p.message)).toEqual([
      'node `f` (t.fallback): input `in` is not connected; connect it or set param `text`',
    ]);
  });

  it('grows inputs from placeholders and requires them', () => {
    const { problems } = check(file([['t', 't.template', { template: '{{a}} and {{b}}' }]]));
    expect(problems.map((p) => p.message)).toEqual([
      'node `t` (t.template): input `a` is not connected; connect it',
      'node `t` (t.template): input `b` is not connected; connect it',
    ]);
  });

  it('lets a text input take a number, and a mapped input take only a list', () => {
    expect(
      check(
        file(
          [
            ['n', 't.number'],
            ['t', 't.text'],
          ],
          ['n.out->t.in'],
        ),
      ).problems,
    ).toEqual([]);
    const mapped = (source: string) => {
      const f = file(
        [
          ['s', source],
          ['b', 't.sink'],
        ],
        ['s.out->b.in'],
      );
      f.nodes[1]!.map = { port: 'in', concurrency: 4 };
      return check(f).problems.map((p) => p.code);
    };
    expect(mapped('t.list')).toEqual([]);
    expect(mapped('t.number')).toEqual(['port_type_mismatch']);
  });

  it('runs preflight checks only when given an environment', () => {
    expect(check(file([['m', 't.model']])).problems).toEqual([]);
    expect(check(file([['m', 't.model']]), { KEY: 'k' }).problems).toEqual([]);
  });

  it('names a file with no version', () => {
    const { problems } = check({ nodes: [], edges: [] });
    expect(problems[0]?.message).toBe('the file has no `version`; add "version": 1');
  });

  it('validates a 100,000-node chain without overflowing the stack', () => {
    const count = 100_000;
    const nodes: [string, string][] = [['n0', 't.number']];
    const edges: string[] = [];
    for (let i = 1; i < count; i++) {
      nodes.push([`n${i}`, 't.sink']);
      edges.push(`n${i - 1}.out->n${i}.in`);
    }
    const { pipeline, problems } = check(file(nodes, edges));
    expect(problems).toEqual([]);
    expect(pipeline?.nodes).toHaveLength(count);
  });
});
