import { describe, expect, it } from 'vitest';
import { registry as catalogue } from '../../nodes/index.ts';
import { callNode } from '../../nodes/pipeline/call.ts';
import { Registry } from '../../pipeline/registry.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { MemoryCache, runPipeline } from '../../server/engine/index.ts';
import { pipeline, recorder, testNodes } from './fixtures.ts';

/** The engine's test nodes plus `pipeline.call`, and the saved pipelines a run may call. */
function setup(saved: Record<string, PipelineFile>) {
  const nodes = testNodes();
  const registry = new Registry([...nodes.definitions, callNode]);
  const pipelines = { get: (id: string) => saved[id] };
  return { ...nodes, registry, pipelines, saved };
}

const call = (id: string, inputs: string[], outputs: string[]) => ({
  pipeline: id,
  inputs,
  outputs,
});

/** Saved as `add-ten`: input `x` plus 10 as output `y`. */
const addTen = pipeline(
  [
    ['x', 'test.input', { name: 'x' }],
    ['plus', 'test.step', { add: 10 }],
    ['y', 'test.output', { name: 'y' }],
  ],
  ['x.value->plus.in', 'plus.out->y.value'],
);

/** A parent that sends 5 through `add-ten` to its output `result`. */
const parent = pipeline(
  [
    ['five', 'test.source', { value: 5 }],
    ['call', 'pipeline.call', call('add-ten', ['x'], ['y'])],
    ['result', 'test.output', { name: 'result' }],
  ],
  ['five.out->call.x', 'call.y->result.value'],
);

describe('pipeline.call', () => {
  it('runs a saved pipeline on its own inputs and hands its outputs to the parent', async () => {
    const { registry, pipelines, calls } = setup({ 'add-ten': addTen });
    const log = recorder();
    // The parent's own input `x` must not leak into the called pipeline.
    const result = await runPipeline(parent, {
      registry,
      pipelines,
      inputs: { x: 1000 },
      onEvent: log.onEvent,
    });

    expect(result.status).toBe('succeeded');
    expect(result.outputs).toEqual({ result: 15 });
    expect(result.nodes.call?.outputs).toEqual({ y: 15 });
    expect(calls).toEqual(['five', 'plus']);
    // The called pipeline's nodes show as the call's progress, ending at 1.
    const progress = log.find('node.progress', 'call');
    expect(progress.map((e) => e.message)).toContain('`plus` finished');
    expect(progress.at(-1)?.fraction).toBe(1);
  });

  it('runs the real catalogue: a saved greeting template called from a parent', async () => {
    const greet = pipeline(
      [
        ['who', 'text.input', { name: 'who' }],
        ['hello', 'text.template', { template: 'Hello, {{name}}!' }],
        ['out', 'output.text', { name: 'greeting' }],
      ],
      ['who.text->hello.name', 'hello.text->out.value'],
    );
    const main = pipeline(
      [
        ['name', 'text.constant', { text: 'Ada' }],
        ['call', 'pipeline.call', call('greet', ['who'], ['greeting'])],
        ['out', 'output.text', { name: 'text' }],
      ],
      ['name.text->call.who', 'call.greeting->out.value'],
    );
    const result = await runPipeline(main, {
      registry: catalogue,
      pipelines: { get: (id) => (id === 'greet' ? greet : undefined) },
    });
    expect(result.error).toBeUndefined();
    expect(result.outputs).toEqual({ text: 'Hello, Ada!' });
  });

  it('fails with the called pipeline’s failing node and message', async () => {
    const broken = pipeline(
      [
        ['x', 'test.input', { name: 'x' }],
        ['inner', 'test.fail', { message: 'the disk is full' }],
        ['y', 'test.output', { name: 'y' }],
      ],
      ['x.value->inner.in', 'inner.out->y.value'],
    );
    const { registry, pipelines, calls } = setup({ 'add-ten': broken });
    const result = await runPipeline(parent, { registry, pipelines });

    expect(result.status).toBe('failed');
    expect(result.error).toEqual({
      code: 'broken',
      nodeId: 'call',
      message:
        'node `call` (pipeline.call): pipeline `add-ten` failed: node `inner` (test.fail): the disk is full',
    });
    expect(result.nodes.result?.status).toBe('skipped');
    expect(calls).toEqual(['five', 'inner']);
  });

  it('refuses to run a pipeline that calls itself, naming the chain', async () => {
    const loop = pipeline([['again', 'pipeline.call', call('loop', [], [])]]);
    const { registry, pipelines, calls } = setup({ loop });
    const result = await runPipeline(loop, { registry, pipelines, pipelineId: 'loop' });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('invalid_pipeline');
    expect(result.error?.message).toContain('would never end: `loop` → `loop`');
    expect(calls).toEqual([]);
  });

  it('cancels the called pipeline when the run is cancelled', async () => {
    const slow = pipeline(
      [
        ['x', 'test.input', { name: 'x' }],
        ['wait', 'test.sleep', { ms: 10_000 }],
        ['y', 'test.output', { name: 'y' }],
      ],
      ['x.value->wait.in', 'wait.out->y.value'],
    );
    const { registry, pipelines, aborted } = setup({ 'add-ten': slow });
    const controller = new AbortController();
    const log = recorder();
    const started = performance.now();
    const running = runPipeline(parent, {
      registry,
      pipelines,
      signal: controller.signal,
      onEvent: (event) => {
        log.onEvent(event);
        if (event.type === 'node.progress' || event.type === 'node.started') {
          if (event.nodeId === 'call') setTimeout(() => controller.abort(), 20);
        }
      },
    });
    const result = await running;

    expect(result.status).toBe('cancelled');
    expect(result.nodes.call?.status).toBe('cancelled');
    expect(aborted).toEqual(['wait']);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('serves a re-run from the cache without running the called pipeline again', async () => {
    const { registry, pipelines, calls, saved } = setup({ 'add-ten': addTen });
    const cache = new MemoryCache();
    await runPipeline(parent, { registry, pipelines, cache });
    expect(calls).toEqual(['five', 'plus']);

    calls.length = 0;
    const log = recorder();
    const again = await runPipeline(parent, { registry, pipelines, cache, onEvent: log.onEvent });
    expect(again.outputs).toEqual({ result: 15 });
    expect(calls).toEqual([]);
    expect(log.first('node.finished', 'call').cached).toBe(true);

    // An edit of the saved pipeline is a different call: the cached result is not reused.
    saved['add-ten'] = structuredClone(addTen);
    saved['add-ten'].nodes[1]!.params = { add: 20 };
    const edited = await runPipeline(parent, { registry, pipelines, cache });
    expect(edited.outputs).toEqual({ result: 25 });
    expect(calls).toEqual(['plus']);
  });

  it('re-runs a call whose pipeline holds a non-deterministic node', async () => {
    const roll = pipeline(
      [
        ['dice', 'test.random'],
        ['y', 'test.output', { name: 'y' }],
      ],
      ['dice.out->y.value'],
    );
    const main = pipeline(
      [
        ['call', 'pipeline.call', call('roll', [], ['y'])],
        ['out', 'test.output', { name: 'out' }],
      ],
      ['call.y->out.value'],
    );
    const { registry, pipelines } = setup({ roll });
    const cache = new MemoryCache();
    const first = await runPipeline(main, { registry, pipelines, cache });
    const second = await runPipeline(main, { registry, pipelines, cache });
    expect([first.outputs.out, second.outputs.out]).toEqual([1, 2]);
  });

  it('shares the run’s concurrency limit with the pipelines it calls', async () => {
    const fan = pipeline(
      [
        ['x', 'test.input', { name: 'x' }],
        ...['a', 'b', 'c'].map((id): [string, string, Record<string, unknown>] => [
          id,
          'test.item',
          { ms: 10 },
        ]),
        ['y', 'test.output', { name: 'y' }],
      ],
      ['x.value->a.in', 'x.value->b.in', 'x.value->c.in', 'c.out->y.value'],
    );
    const main = pipeline(
      [
        ['one', 'test.source', { value: 1 }],
        ['left', 'pipeline.call', call('fan', ['x'], ['y'])],
        ['right', 'pipeline.call', call('fan', ['x'], ['y'])],
      ],
      ['one.out->left.x', 'one.out->right.x'],
    );
    for (const concurrency of [1, 2]) {
      const { registry, pipelines, flight, calls } = setup({ fan });
      const result = await runPipeline(main, { registry, pipelines, concurrency });
      expect(result.status).toBe('succeeded');
      expect(result.nodes.right?.outputs).toEqual({ y: 10 });
      expect(calls.filter((id) => id !== 'one')).toHaveLength(6);
      // Two calls of three parallel nodes each never exceed the run's own limit.
      expect(flight.peak).toBe(concurrency);
    }
  });

  it('maps a call over a list, one run of the pipeline per item', async () => {
    const { registry, pipelines } = setup({ 'add-ten': addTen });
    const main = pipeline(
      [
        ['list', 'test.source', { value: [1, 2, 3] }],
        ['call', 'pipeline.call', call('add-ten', ['x'], ['y'])],
      ],
      ['list.out->call.x'],
      { call: { map: { port: 'x', concurrency: 2 } } },
    );
    const result = await runPipeline(main, { registry, pipelines });
    expect(result.nodes.call?.outputs).toEqual({ y: [11, 12, 13] });
  });

  it('cannot run a call when the run has no saved pipelines', async () => {
    const { registry } = setup({});
    const result = await runPipeline(parent, { registry });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('saved pipelines are not available here');
  });
});
