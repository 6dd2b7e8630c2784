import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineFile, PipelineNode } from '../../pipeline/schema.ts';
import { json, testApp } from '../server/helpers.ts';

/**
 * Patterns and expressions a user writes may never finish on some input: a regex that
 * backtracks catastrophically, a JSONata recursion without end. Such a node must fail (or be
 * cancelled) on time and name what to fix, while the server keeps answering everyone else.
 */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => (t = await testApp()));
afterAll(async () => t.close());

const at = { x: 0, y: 0 };

/** text input `text` -> the node under test (its port `inPort`, out `outPort`) -> output `out`. */
function around(node: Omit<PipelineNode, 'position'>, inPort: string, outPort: string) {
  const pipeline: PipelineFile = {
    version: 1,
    name: 'Runaway',
    nodes: [
      { id: 'text', type: 'text.input', position: at, params: { name: 'text' } },
      { ...node, position: at } as PipelineNode,
      { id: 'out', type: 'output.json', position: at, params: { name: 'out' } },
    ],
    edges: [
      { id: 'e1', source: 'text', sourcePort: 'text', target: node.id, targetPort: inPort },
      { id: 'e2', source: node.id, sourcePort: outPort, target: 'out', targetPort: 'value' },
    ],
  };
  return pipeline;
}

/** `(a+)+$` on thirty `a`s and a `!` takes about 2^30 steps to fail. */
const EVIL_TEXT = `${'a'.repeat(30)}!`;

async function start(pipeline: PipelineFile, text = EVIL_TEXT): Promise<string> {
  const res = await t.app.request('/api/runs', json({ pipeline, inputs: { text } }));
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function finished(id: string) {
  await t.services.runs.live(id)?.done;
  const res = await t.app.request(`/api/runs/${id}`);
  return (await res.json()) as {
    status: string;
    error: { code: string; message: string; nodeId?: string } | null;
  };
}

/**
 * How long the server takes to answer a cheap request while the run goes on. The clock starts
 * before a short pause that lets the run get to work: a busy event loop delays the pause too.
 */
async function answerTime(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const res = await t.app.request('/api/node-types');
  expect(res.status).toBe(200);
  return performance.now() - started;
}

describe('a regex that backtracks catastrophically', () => {
  it('fails transform.regex at its time limit, naming the fix, while the server answers', async () => {
    const regex = {
      id: 'find',
      type: 'transform.regex',
      params: { pattern: '^(a+)+$', flags: '', timeoutMs: 300 },
    };
    const started = performance.now();
    const id = await start(around(regex, 'text', 'matches'));
    expect(await answerTime()).toBeLessThan(400);

    const run = await finished(id);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(run.status).toBe('failed');
    expect(run.error?.nodeId).toBe('find');
    expect(run.error?.message).toMatch(/node `find` \(transform\.regex\).*300 ms/);
    expect(run.error?.message).toMatch(/backtrack/);
  });

  it('is stopped by the node time-out of its policy', async () => {
    const regex = {
      id: 'find',
      type: 'transform.regex',
      params: { pattern: '^(a+)+$', flags: '' },
      policy: { timeoutMs: 300 },
    };
    const started = performance.now();
    const run = await finished(await start(around(regex, 'text', 'matches')));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'timeout', nodeId: 'find' } });
  });

  it.each([
    [
      'transform.split',
      { id: 'cut', type: 'transform.split', params: { separator: '(a+)+$', regex: true } },
      'text',
      'items',
    ],
    [
      'control.if',
      { id: 'cut', type: 'control.if', params: { test: 'matches', operand: '^(a+)+$' } },
      'value',
      'then',
    ],
  ])('in %s is cancelled at once, and the server answers meanwhile', async (_t, node, p, o) => {
    const id = await start(around(node, p, o));
    expect(await answerTime()).toBeLessThan(400);

    const started = performance.now();
    const cancel = await t.app.request(`/api/runs/${id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBeLessThan(300);
    const run = await finished(id);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(run.status).toBe('cancelled');
  });
});

describe('a JSONata expression that never ends', () => {
  it('is cancelled at once, and the server answers meanwhile', async () => {
    const endless = {
      id: 'query',
      type: 'transform.jsonata',
      params: { expression: '($f := function($x){ $f($x + 1) }; $f(0))', timeoutMs: 60_000 },
    };
    const id = await start(around(endless, 'input', 'result'), 'x');
    expect(await answerTime()).toBeLessThan(400);

    const started = performance.now();
    await t.app.request(`/api/runs/${id}/cancel`, { method: 'POST' });
    const run = await finished(id);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(run.status).toBe('cancelled');
  });

  it('fails at its time limit even inside a backtracking $match', async () => {
    const expression = `$match($, /^(a+)+$/)`;
    const query = {
      id: 'query',
      type: 'transform.jsonata',
      params: { expression, timeoutMs: 300 },
    };
    const started = performance.now();
    const id = await start(around(query, 'input', 'result'));
    expect(await answerTime()).toBeLessThan(400);

    const run = await finished(id);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(run.status).toBe('failed');
    expect(run.error?.message).toMatch(/node `query` \(transform\.jsonata\).*300 ms/);
  });

  it('still answers what a quick expression computes', async () => {
    const query = {
      id: 'query',
      type: 'transform.jsonata',
      params: { expression: '$uppercase($) & "!"' },
    };
    const id = await start(around(query, 'input', 'result'), 'hi');
    const res = await t.app.request(`/api/runs/${id}`);
    await finished(id);
    expect(res.status).toBe(200);
    const run = await (await t.app.request(`/api/runs/${id}`)).json();
    expect(run).toMatchObject({ status: 'succeeded', outputs: { out: 'HI!' } });
  });
});

/** Threads of this process now, as the operating system counts them (Linux). */
function threads(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
}

describe('many patterns at once', () => {
  it('run on a few threads, not one per item, and all fail on time', async () => {
    const regex = {
      id: 'find',
      type: 'transform.regex',
      params: { pattern: '^(a+)+$', flags: '', timeoutMs: 200 },
      map: { port: 'text', concurrency: 20 },
    };
    const pipeline = around(regex, 'text', 'matches');
    // The mapped port takes a list: the text input is parsed into one first.
    pipeline.nodes.push({ id: 'list', type: 'transform.split', position: at, params: {} });
    pipeline.edges = [
      { id: 'e0', source: 'text', sourcePort: 'text', target: 'list', targetPort: 'text' },
      { id: 'e1', source: 'list', sourcePort: 'items', target: 'find', targetPort: 'text' },
      pipeline.edges[1] as PipelineFile['edges'][number],
    ];
    const before = threads();
    const id = await start(pipeline, Array.from({ length: 20 }, () => EVIL_TEXT).join('\n'));
    let most = before;
    const watch = setInterval(() => (most = Math.max(most, threads())), 20);
    const run = await finished(id);
    clearInterval(watch);

    expect(most - before).toBeLessThanOrEqual(availableParallelism() + 2);
    expect(run.status).toBe('failed');
    expect(run.error?.message).toMatch(/20 of 20 items failed/);
  });
});
