import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callNode } from '../../nodes/pipeline/call.ts';
import { checkPipeline } from '../../pipeline/check.ts';
import { Registry, describe as describeType } from '../../pipeline/registry.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { checkRegistry, file } from './fixtures.ts';

const registry = new Registry([
  ...checkRegistry.list(),
  callNode,
  // An input node whose `default` lets a run leave it out, as `text.input` does.
  {
    ...(checkRegistry.get('t.input') as NonNullable<ReturnType<typeof checkRegistry.get>>),
    type: 't.input-default',
    params: z.object({ name: z.string(), default: z.string().optional() }),
  },
]);

const call = (pipeline: string, inputs: string[] = [], outputs: string[] = []) => ({
  pipeline,
  inputs,
  outputs,
});

/** A saved pipeline: `question` (text) in, `answer` out, through a node that takes text. */
const ask = file(
  [
    ['q', 't.input', { name: 'question' }],
    ['t', 't.text'],
    ['a', 't.output', { name: 'answer' }],
  ],
  ['q.value->t.in', 't.out->a.value'],
);

/** A saved pipeline that only calls another one. */
const calling = (target: string) => file([['c', 'pipeline.call', call(target)]]);

const lookup = (saved: Record<string, unknown>) => ({ get: (id: string) => saved[id] });

function check(input: PipelineFile, saved: Record<string, unknown>, pipelineId?: string) {
  const options = pipelineId === undefined ? {} : { pipelineId };
  return checkPipeline(input, registry, { pipelines: lookup(saved), ...options });
}

const codes = (result: ReturnType<typeof check>) => result.problems.map((p) => p.code);

describe('checking pipeline.call', () => {
  it('accepts a call whose params match the saved pipeline, with its port types', () => {
    const parent = file(
      [
        ['n', 't.number'],
        ['c', 'pipeline.call', call('ask', ['question'], ['answer'])],
        ['s', 't.sink'],
      ],
      ['n.out->c.question', 'c.answer->s.in'],
    );
    expect(check(parent, { ask }).problems).toEqual([]);

    // The saved pipeline's input takes text, so an image cannot go in.
    const image = structuredClone(parent);
    image.nodes[0] = { ...image.nodes[0]!, type: 't.image' };
    const [problem] = check(image, { ask }).problems;
    expect(problem?.code).toBe('port_type_mismatch');
    expect(problem?.message).toContain('gives image, but input `question`');
    expect(problem?.message).toContain('takes text');
  });

  it('says exactly what to set when the params do not match the saved pipeline', () => {
    const parent = file([['c', 'pipeline.call', call('ask', ['question', 'topic'], [])]]);
    const problems = check(parent, { ask }).problems;
    // `question` is not connected either; `topic`, which is to go, is not reported as such.
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['call_mismatch', ['nodes', 0, 'params', 'inputs']],
      ['call_mismatch', ['nodes', 0, 'params', 'outputs']],
      ['input_not_connected', ['nodes', 0]],
    ]);
    expect(problems[2]?.message).toContain('input `question` is not connected');
    expect(problems[0]?.message).toBe(
      'node `c` (pipeline.call): param `inputs` must list the inputs of pipeline `ask` (`question`): remove `topic`; set it to ["question"]',
    );
    expect(problems[1]?.message).toBe(
      'node `c` (pipeline.call): param `outputs` must list the outputs of pipeline `ask` (`answer`): add `answer`; set it to ["answer"]',
    );
  });

  it('refuses a pipeline that calls itself', () => {
    const self = calling('loop');
    const problems = check(self, { loop: self }, 'loop').problems;
    expect(codes({ pipeline: self, problems })).toEqual(['recursive_call']);
    expect(problems[0]?.message).toBe(
      'node `c` (pipeline.call): calling pipeline `loop` would never end: `loop` → `loop`; remove the call that closes the loop',
    );
    expect(problems[0]?.path).toEqual(['nodes', 0, 'params', 'pipeline']);
  });

  it('refuses a call back through another pipeline, naming the chain', () => {
    const saved = { a: calling('b'), b: calling('a') };
    // Saving `a` with its call of `b`, which calls `a` again.
    const asSaved = check(calling('b'), saved, 'a').problems;
    expect(asSaved.map((p) => p.message)).toEqual([
      'node `c` (pipeline.call): calling pipeline `b` would never end: `a` → `b` → `a`; remove the call that closes the loop',
    ]);
    // An unsaved pipeline calling into the loop is refused too.
    const unsaved = check(calling('a'), saved).problems;
    expect(unsaved.map((p) => p.message)).toEqual([
      'node `c` (pipeline.call): calling pipeline `a` would never end: `a` → `b` → `a`; remove the call that closes the loop',
    ]);
    // The unsaved edit counts, not the stored version of `a`: a fixed `a` passes.
    expect(check(file([['n', 't.number']]), saved, 'a').problems).toEqual([]);
  });

  it('finds a loop deep in a long chain of calls without recursion', () => {
    const saved: Record<string, PipelineFile> = {};
    for (let i = 0; i < 2000; i++) saved[`p${i}`] = calling(`p${i + 1}`);
    saved.p2000 = calling('p1990');
    const [problem] = check(calling('p0'), saved).problems;
    expect(problem?.code).toBe('recursive_call');
    expect(problem?.message).toContain('`p0` → `p1` → `p2`');
    expect(problem?.message).toContain('`p2000` → `p1990`; remove');
  });

  it.each([
    ['an unknown id', call('nope'), 'there is no saved pipeline `nope`; pick a saved pipeline'],
    ['no pipeline picked', call(''), 'param `pipeline` names no pipeline; pick a saved pipeline'],
  ])('refuses %s', (_case, params, message) => {
    const [problem] = check(file([['c', 'pipeline.call', params]]), { ask }).problems;
    expect(problem).toEqual({
      code: 'unknown_pipeline',
      path: ['nodes', 0, 'params', 'pipeline'],
      message: `node \`c\` (pipeline.call): ${message}`,
      nodeId: 'c',
    });
  });

  it('refuses a call when the check has no saved pipelines to look in', () => {
    const result = checkPipeline(file([['c', 'pipeline.call', call('ask')]]), registry);
    expect(result.problems[0]?.message).toContain('saved pipelines are not available here');
  });

  it('refuses a saved pipeline that cannot run, with its own problem', () => {
    const broken = file([['x', 't.unknown']]);
    const [problem] = check(file([['c', 'pipeline.call', call('broken')]]), { broken }).problems;
    expect(problem?.code).toBe('invalid_sub_pipeline');
    expect(problem?.message).toBe(
      'node `c` (pipeline.call): saved pipeline `broken` cannot run: node `x` (t.unknown): there is no node type `t.unknown`; pick one from the palette (`weft nodes` lists them); open it and fix it',
    );
    const notAFile = check(file([['c', 'pipeline.call', call('junk')]]), { junk: 'text' });
    expect(notAFile.problems[0]?.message).toContain('a pipeline file must be a JSON object');
  });

  it('lets an input with a default stay unconnected, and requires the others', () => {
    const saved = file([
      ['q', 't.input', { name: 'question' }],
      ['l', 't.input-default', { name: 'language', default: 'en' }],
    ]);
    const parent = file([['c', 'pipeline.call', call('two', ['question', 'language'])]]);
    const problems = check(parent, { two: saved }).problems;
    expect(problems.map((p) => p.message)).toEqual([
      'node `c` (pipeline.call): input `question` is not connected; connect it',
    ]);
  });

  it('marks its pipeline param for the editor’s picker of saved pipelines', () => {
    const info = describeType(callNode);
    const schema = info.paramsSchema as { properties: Record<string, Record<string, unknown>> };
    expect(schema.properties.pipeline).toMatchObject({
      type: 'string',
      'x-weft-widget': 'pipeline',
    });
    expect(info.dynamicInputs).toEqual({ param: 'inputs', kind: 'list', type: 'any' });
    expect(info.dynamicOutputs).toEqual({ param: 'outputs', kind: 'list', type: 'any' });
  });
});
