import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeId } from '../../pipeline/ids.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { ImageValue, Value } from '../../pipeline/values.ts';
import { DirectoryCache, MemoryCache, runPipeline } from '../../server/engine/index.ts';
import { pipeline, recorder, testNodes } from './fixtures.ts';

/** 50 nodes as a binary tree: node i takes its value from node (i - 1) / 2. */
function tree(size = 50): PipelineFile {
  const nodes: [string, string, Record<string, unknown>][] = [['n0', 'test.source', { value: 0 }]];
  const edges: string[] = [];
  for (let i = 1; i < size; i++) {
    nodes.push([`n${i}`, 'test.step', { add: i }]);
    edges.push(`n${Math.floor((i - 1) / 2)}.out->n${i}.in`);
  }
  return pipeline(nodes, edges);
}

function subtree(root: number, size = 50): string[] {
  const found: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (i >= size) continue;
    found.push(`n${i}`);
    stack.push(2 * i + 1, 2 * i + 2);
  }
  return found.sort();
}

describe('caching and partial re-runs', () => {
  it('re-runs exactly the edited node and its descendants in a 50-node pipeline', async () => {
    const { registry, calls } = testNodes();
    const cache = new MemoryCache();
    const file = tree();
    await runPipeline(file, { registry, cache });
    expect(calls).toHaveLength(50);

    calls.length = 0;
    const log = recorder();
    const edited = structuredClone(file);
    edited.nodes[4]!.params = { add: 100 };
    const result = await runPipeline(edited, { registry, cache, onEvent: log.onEvent });

    expect([...calls].sort()).toEqual(subtree(4));
    const cached = log
      .find('node.finished')
      .filter((e) => e.cached)
      .map((e) => e.nodeId);
    expect(cached).toHaveLength(50 - subtree(4).length);
    expect(cached).not.toContain('n4');
    expect(result.nodes.n9?.outputs).toEqual({ out: 0 + 1 + 100 + 9 });
  });

  it('runs everything again when the run has no cache', async () => {
    const { registry, calls } = testNodes();
    await runPipeline(tree(5), { registry });
    await runPipeline(tree(5), { registry });
    expect(calls).toHaveLength(10);
  });

  it('re-runs a non-deterministic node unless the pipeline or the run asks to cache it', async () => {
    const file = (policy?: { cache: boolean }) =>
      pipeline(
        [
          ['r', 'test.random'],
          ['s', 'test.step'],
        ],
        ['r.out->s.in'],
        policy ? { r: { policy } } : {},
      );
    const runTwice = async (pipelineFile: PipelineFile, cacheAll = false) => {
      const { registry, calls } = testNodes();
      const cache = new MemoryCache();
      const first = await runPipeline(pipelineFile, { registry, cache, cacheAll });
      const second = await runPipeline(pipelineFile, { registry, cache, cacheAll });
      return { calls, outs: [first, second].map((r) => r.nodes.s?.outputs?.out) };
    };

    expect(await runTwice(file())).toEqual({ calls: ['r', 's', 'r', 's'], outs: [2, 3] });
    expect(await runTwice(file({ cache: true }))).toEqual({ calls: ['r', 's'], outs: [2, 2] });
    expect(await runTwice(file(), true)).toEqual({ calls: ['r', 's'], outs: [2, 2] });
  });

  it('re-runs only the failed side of a diamond and the join once it is fixed', async () => {
    const { registry, calls } = testNodes();
    const cache = new MemoryCache();
    const file = pipeline(
      [
        ['a', 'test.source', { value: 1 }],
        ['b', 'test.flaky', { failures: 1, retryable: false }],
        ['c', 'test.step'],
        ['j', 'test.join'],
      ],
      ['b.out->j.a', 'a.out->c.in', 'c.out->j.b'],
    );
    const first = await runPipeline(file, { registry, cache });
    expect(first.status).toBe('failed');
    expect(calls.sort()).toEqual(['a', 'b', 'c']);

    calls.length = 0;
    const log = recorder();
    const second = await runPipeline(file, { registry, cache, onEvent: log.onEvent });
    expect(second.status).toBe('succeeded');
    expect(calls).toEqual(['b', 'j']);
    expect(
      log
        .find('node.finished')
        .filter((e) => e.cached)
        .map((e) => e.nodeId),
    ).toEqual(['a', 'c']);
  });

  it('re-runs what follows an input node when the run’s input changes', async () => {
    const { registry, calls } = testNodes();
    const cache = new MemoryCache();
    const file = pipeline(
      [
        ['in', 'test.input', { name: 'x' }],
        ['s', 'test.step'],
        ['k', 'test.source'],
      ],
      ['in.value->s.in'],
    );
    await runPipeline(file, { registry, cache, inputs: { x: 1 } });
    await runPipeline(file, { registry, cache, inputs: { x: 1 } });
    const changed = await runPipeline(file, { registry, cache, inputs: { x: 2 } });
    expect(calls).toEqual(['k', 's', 's']);
    expect(changed.nodes.s?.outputs).toEqual({ out: 3 });
  });

  // a → b → c, a → d
  const branchy = pipeline(
    [
      ['a', 'test.source'],
      ['b', 'test.step'],
      ['c', 'test.step'],
      ['d', 'test.step'],
    ],
    ['a.out->b.in', 'b.out->c.in', 'a.out->d.in'],
  );

  it('runs to a node: only what it needs', async () => {
    const { registry, calls } = testNodes();
    const result = await runPipeline(branchy, { registry, runTo: nodeId('b') });
    expect(calls).toEqual(['a', 'b']);
    expect(result.nodes.c?.status).toBe('not_run');
    expect(result.nodes.d?.status).toBe('not_run');
  });

  it('runs from a node: recomputes it and what follows, reusing the cache upstream', async () => {
    const { registry, calls } = testNodes();
    const cache = new MemoryCache();
    await runPipeline(branchy, { registry, cache });
    calls.length = 0;
    const log = recorder();
    await runPipeline(branchy, { registry, cache, runFrom: nodeId('b'), onEvent: log.onEvent });
    expect(calls).toEqual(['b', 'c']);
    expect(log.find('node.finished').map((e) => [e.nodeId, e.cached])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);

    // With nothing cached, what it needs upstream is computed first.
    calls.length = 0;
    await runPipeline(branchy, { registry, cache: new MemoryCache(), runFrom: nodeId('b') });
    expect(calls).toEqual(['a', 'b', 'c']);
  });

  it('refuses to run to a node that is not in the pipeline', async () => {
    const { registry } = testNodes();
    const result = await runPipeline(branchy, { registry, runTo: nodeId('zz') });
    expect(result.error?.code).toBe('unknown_node');
    expect(result.error?.message).toContain('`zz`');
  });
});

describe('MemoryCache', () => {
  it('drops the least recently used results past its byte budget', () => {
    const cache = new MemoryCache({ maxBytes: 250 });
    cache.set('a', { out: 'x'.repeat(50) });
    cache.set('b', { out: 'y'.repeat(50) });
    cache.get('a');
    cache.set('c', { out: 'z'.repeat(50) });
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([
      true,
      false,
      true,
    ]);
    cache.set('huge', { out: 'h'.repeat(1000) });
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(250);
  });
});

describe('DirectoryCache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps results, images included, for the next process', async () => {
    const image: ImageValue = {
      kind: 'image',
      data: new Uint8Array([137, 80, 78, 71, 1, 2, 3]),
      mediaType: 'image/png',
      width: 2,
      height: 1,
    };
    // A mapped image node hands on a list of images.
    const list = [image, 'text'] as unknown as Value;
    new DirectoryCache(dir).set('key1', { image, list, none: undefined });
    expect(new DirectoryCache(dir).get('key1')).toEqual({ image, list });
    expect(new DirectoryCache(dir).get('missing')).toBeUndefined();

    const { registry, calls } = testNodes();
    await runPipeline(tree(7), { registry, cache: new DirectoryCache(dir) });
    const log = recorder();
    await runPipeline(tree(7), { registry, cache: new DirectoryCache(dir), onEvent: log.onEvent });
    expect(calls).toHaveLength(7);
    expect(log.find('node.finished').every((e) => e.cached)).toBe(true);
  });

  it('removes the least recently used files past its byte budget', () => {
    const small = mkdtempSync(join(tmpdir(), 'weft-cache-small-'));
    try {
      const cache = new DirectoryCache(small, { maxBytes: 2500 });
      for (const key of ['a', 'b', 'c', 'd']) cache.set(key, { text: key.repeat(1000) });
      expect(cache.get('d')).toEqual({ text: 'd'.repeat(1000) });
      expect(cache.get('a')).toBeUndefined();
      expect(readdirSync(small).length).toBeLessThanOrEqual(2);
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  });
});
