import { describe, expect, it } from 'vitest';
import { nodeId } from '../../pipeline/ids.ts';
import { runPipeline } from '../../server/engine/index.ts';
import { pipeline, recorder, testNodes } from './fixtures.ts';

// a → b → j, a → c → j: the join needs both sides.
const diamond = (b = 'test.step', c = 'test.step') =>
  pipeline(
    [
      ['a', 'test.source', { value: 1 }],
      ['b', b],
      ['c', c],
      ['j', 'test.join'],
    ],
    ['a.out->b.in', 'a.out->c.in', 'b.out->j.a', 'c.out->j.b'],
  );

describe('runPipeline', () => {
  it('runs a diamond’s join once, after both sides, and reports events in order', async () => {
    const { registry, calls } = testNodes();
    const log = recorder();
    const result = await runPipeline(diamond(), { registry, onEvent: log.onEvent });

    expect(result.status).toBe('succeeded');
    expect(result.nodes.j?.outputs).toEqual({ out: 4 });
    expect(calls.filter((id) => id === 'j')).toEqual(['j']);
    const joinStart = log.events.indexOf(log.first('node.started', 'j'));
    expect(log.events.indexOf(log.first('node.finished', 'b'))).toBeLessThan(joinStart);
    expect(log.events.indexOf(log.first('node.finished', 'c'))).toBeLessThan(joinStart);
    expect(log.events.map((e) => e.seq)).toEqual(log.events.map((_, i) => i));
    expect(log.events[0]).toMatchObject({ type: 'run.started', nodes: ['a', 'b', 'c', 'j'] });
    expect(log.events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    expect(log.first('node.finished', 'j')).toMatchObject({
      cached: false,
      outputs: { out: { kind: 'number', value: 4 } },
    });
  });

  it('overlaps two slow nodes on separate branches', async () => {
    const { registry } = testNodes();
    const log = recorder();
    const slow = pipeline([
      ['x', 'test.sleep', { ms: 150 }],
      ['y', 'test.sleep', { ms: 150 }],
    ]);
    await runPipeline(slow, { registry, onEvent: log.onEvent });
    // Each started before the other finished.
    expect(log.first('node.started', 'y').at).toBeLessThan(log.first('node.finished', 'x').at);
    expect(log.first('node.started', 'x').at).toBeLessThan(log.first('node.finished', 'y').at);
  });

  it('never runs more nodes at once than its concurrency', async () => {
    const { registry } = testNodes();
    const log = recorder();
    const nodes = ['a', 'b', 'c', 'd', 'e'].map((id) => [id, 'test.sleep', { ms: 20 }] as const);
    await runPipeline(pipeline(nodes.map((n) => [...n])), {
      registry,
      concurrency: 2,
      onEvent: log.onEvent,
    });
    let now = 0;
    let peak = 0;
    for (const event of log.events) {
      if (event.type === 'node.started') peak = Math.max(peak, ++now);
      if (event.type === 'node.finished') now--;
    }
    expect(peak).toBe(2);
  });

  it('starts nodes that are ready together in id order, the same on every run', async () => {
    const orders: string[][] = [];
    for (let i = 0; i < 3; i++) {
      const { registry, calls } = testNodes();
      const nodes = pipeline(
        [
          ['m', 'test.source'],
          ['c', 'test.source'],
          ['a', 'test.source'],
          ['b', 'test.step'],
        ],
        ['m.out->b.in'],
      );
      await runPipeline(nodes, { registry, concurrency: 1 });
      orders.push(calls);
    }
    expect(orders).toEqual([
      ['a', 'c', 'm', 'b'],
      ['a', 'c', 'm', 'b'],
      ['a', 'c', 'm', 'b'],
    ]);
  });

  it('lets a failed node’s sibling branch finish and skips its descendants, naming it', async () => {
    const { registry, calls } = testNodes();
    const log = recorder();
    const file = pipeline(
      [
        ['a', 'test.source'],
        ['bad', 'test.fail', { message: 'the model refused' }],
        ['after', 'test.step'],
        ['later', 'test.step'],
        ['side', 'test.sleep', { ms: 30 }],
        ['tail', 'test.step'],
      ],
      [
        'a.out->bad.in',
        'bad.out->after.in',
        'after.out->later.in',
        'a.out->side.in',
        'side.out->tail.in',
      ],
    );
    const result = await runPipeline(file, { registry, onEvent: log.onEvent });

    expect(result.status).toBe('failed');
    expect(result.error).toEqual({
      code: 'broken',
      message: 'node `bad` (test.fail): the model refused',
      nodeId: 'bad',
    });
    expect(result.nodes.tail).toMatchObject({ status: 'succeeded', outputs: { out: 2 } });
    expect(calls).not.toContain('after');
    expect(calls).not.toContain('later');
    for (const id of ['after', 'later']) {
      expect(result.nodes[id]?.status).toBe('skipped');
      expect(log.first('node.skipped', id).reason).toBe('`bad` failed, so this node cannot run');
    }
  });

  it('cancels promptly: the run stops and the node’s signal fires', async () => {
    const { registry, aborted } = testNodes();
    const controller = new AbortController();
    const log = recorder();
    let cancelledAt = 0;
    const running = runPipeline(
      pipeline(
        [
          ['slow', 'test.sleep', { ms: 30_000 }],
          ['next', 'test.step'],
        ],
        ['slow.out->next.in'],
      ),
      {
        registry,
        signal: controller.signal,
        onEvent: (event) => {
          log.onEvent(event);
          if (event.type === 'node.started') {
            setTimeout(() => {
              cancelledAt = performance.now();
              controller.abort();
            }, 20);
          }
        },
      },
    );
    const result = await running;
    expect(performance.now() - cancelledAt).toBeLessThan(1000);
    expect(result.status).toBe('cancelled');
    expect(aborted).toEqual(['slow']);
    expect(result.nodes.slow?.status).toBe('cancelled');
    expect(log.first('node.failed', 'slow').error.code).toBe('cancelled');
    expect(log.first('node.skipped', 'next').reason).toContain('cancelled');
    expect(log.events.at(-1)).toMatchObject({ type: 'run.finished', status: 'cancelled' });
  });

  it.each([
    ['its policy', { policy: { timeoutMs: 30 } }, {}],
    ['the run’s default', {}, { nodeTimeoutMs: 30 }],
  ])('fails a node that runs past the time-out of %s, naming it', async (_w, extra, options) => {
    const { registry, aborted } = testNodes();
    const file = pipeline([['stuck', 'test.sleep', { ms: 10_000 }]], [], { stuck: extra });
    const result = await runPipeline(file, { registry, ...options });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('timeout');
    expect(result.error?.message).toMatch(/^node `stuck` \(test.sleep\) timed out after 30 ms/);
    expect(aborted).toEqual(['stuck']);
  });

  it('hands the run’s inputs to input nodes and returns output nodes’ values by name', async () => {
    const { registry } = testNodes();
    const file = pipeline(
      [
        ['in', 'test.input', { name: 'count' }],
        ['plus', 'test.step', { add: 10 }],
        ['out', 'test.output', { name: 'total' }],
      ],
      ['in.value->plus.in', 'plus.out->out.value'],
    );
    const log = recorder();
    const result = await runPipeline(file, {
      registry,
      inputs: { count: 5 },
      onEvent: log.onEvent,
    });
    expect(result.outputs).toEqual({ total: 15 });
    expect(log.events.at(-1)).toMatchObject({ outputs: { total: { kind: 'number', value: 15 } } });
  });

  it('refuses an invalid pipeline with every problem, before running anything', async () => {
    const { registry, calls } = testNodes();
    const file = pipeline(
      [
        ['a', 'test.source'],
        ['j', 'test.join'],
        ['x', 'test.nope'],
      ],
      ['a.out->j.a'],
    );
    const result = await runPipeline(file, { registry });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('invalid_pipeline');
    expect(result.error?.message).toContain('there is no node type `test.nope`');
    expect(result.error?.message).toContain('node `j` (test.join): input `b` is not connected');
    expect(calls).toEqual([]);
  });

  it('fails the node whose outputs would take the run past its byte cap', async () => {
    const { registry } = testNodes();
    const file = pipeline([
      ['small', 'test.source', { value: 'x' }],
      ['big', 'test.source', { value: 'y'.repeat(10_000) }],
    ]);
    const result = await runPipeline(file, { registry, maxBytes: 1000 });
    expect(result.nodes.small?.status).toBe('succeeded');
    expect(result.error).toMatchObject({ code: 'too_large', nodeId: nodeId('big') });
    expect(result.error?.message).toContain('over its limit of 1000');
  });

  it('finishes the run when the event listener throws', async () => {
    const { registry } = testNodes();
    const result = await runPipeline(diamond(), {
      registry,
      onEvent: () => {
        throw new Error('the client went away');
      },
    });
    expect(result.status).toBe('succeeded');
  });

  it('runs a 100,000-node chain without overflowing the stack', async () => {
    const { registry } = testNodes();
    const count = 100_000;
    const nodes: [string, string][] = [['n0', 'test.source']];
    const edges: string[] = [];
    for (let i = 1; i < count; i++) {
      nodes.push([`n${i}`, 'test.step']);
      edges.push(`n${i - 1}.out->n${i}.in`);
    }
    const result = await runPipeline(pipeline(nodes, edges), { registry });
    expect(result.status).toBe('succeeded');
    expect(result.nodes[`n${count - 1}`]?.outputs).toEqual({ out: count });
  });
});
