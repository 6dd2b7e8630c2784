import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineFile, PipelineNode } from '../../pipeline/schema.ts';
import { nodeTypes } from '../../nodes/index.ts';
import { Registry } from '../../pipeline/registry.ts';
import { runPipeline } from '../../server/engine/index.ts';
import { json, testApp } from '../server/helpers.ts';

/**
 * Nodes that finish at once hand over to the next through promises, which never give timers or
 * I/O a turn. A run of many of them, or of sub-pipelines that each call the next one twice
 * (2^16 runs from 17 small files), must still let its time-outs fire, its cancel land and the
 * server answer other requests.
 */
const at = { x: 0, y: 0 };
const registry = new Registry(nodeTypes);

/** A constant and then `length` to-text nodes, one after another. */
function chain(length: number): PipelineFile {
  const nodes: PipelineNode[] = [
    { id: 'start', type: 'text.constant', position: at, params: { text: 'x' } },
  ];
  const edges: PipelineFile['edges'] = [];
  for (let i = 0; i < length; i++) {
    nodes.push({ id: `n${i}`, type: 'transform.to-text', position: at, params: {} });
    const source = i === 0 ? 'start' : `n${i - 1}`;
    edges.push({ id: `e${i}`, source, sourcePort: 'text', target: `n${i}`, targetPort: 'value' });
  }
  return { version: 1, name: 'Chain', nodes, edges };
}

/** Saved pipeline `level<i>` calls `level<i+1>` twice; the last one echoes its input. */
function level(i: number, last: number): PipelineFile {
  const nodes: PipelineNode[] = [
    { id: 'in', type: 'text.input', position: at, params: { name: 't', default: 'x' } },
    { id: 'out', type: 'output.text', position: at, params: { name: 'o' } },
  ];
  if (i === last) {
    const edge = { id: 'e', source: 'in', sourcePort: 'text', target: 'out', targetPort: 'value' };
    return { version: 1, name: `level ${i}`, nodes, edges: [edge] };
  }
  const call = { pipeline: `level${i + 1}`, inputs: ['t'], outputs: ['o'] };
  nodes.push(
    { id: 'a', type: 'pipeline.call', position: at, params: call },
    { id: 'b', type: 'pipeline.call', position: at, params: call },
    { id: 'join', type: 'text.template', position: at, params: { template: '{{x}}{{y}}' } },
  );
  const edges = [
    { id: 'e1', source: 'in', sourcePort: 'text', target: 'a', targetPort: 't' },
    { id: 'e2', source: 'in', sourcePort: 'text', target: 'b', targetPort: 't' },
    { id: 'e3', source: 'a', sourcePort: 'o', target: 'join', targetPort: 'x' },
    { id: 'e4', source: 'b', sourcePort: 'o', target: 'join', targetPort: 'y' },
    { id: 'e5', source: 'join', sourcePort: 'text', target: 'out', targetPort: 'value' },
  ];
  return { version: 1, name: `level ${i}`, nodes, edges };
}

describe('a run of many quick nodes', () => {
  it('lets a timer fire and a cancel land while it goes on', async () => {
    // The clocks start with the first node: checking 30,000 nodes first takes its own time.
    let started = Infinity;
    let timerLate = Infinity;
    const controller = new AbortController();
    const onEvent = (event: { type: string }) => {
      if (event.type !== 'run.started') return;
      started = performance.now();
      setTimeout(() => (timerLate = performance.now() - started - 10), 10);
      setTimeout(() => controller.abort(new Error('stop')), 50);
    };

    const options = { registry, signal: controller.signal, onEvent };
    const result = await runPipeline(chain(30_000), options);
    expect(timerLate).toBeLessThan(100);
    expect(result.status).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('still runs to the end when nothing stops it', async () => {
    const result = await runPipeline(chain(2_000), { registry });
    expect(result.status).toBe('succeeded');
    expect(result.nodes.n1999?.outputs).toEqual({ text: 'x' });
  });
});

describe('sub-pipelines that fan out exponentially', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
    for (let i = 16; i >= 0; i--) {
      const res = await t.app.request(`/api/pipelines/level${i}`, json(level(i, 16), 'PUT'));
      expect((await res.json()).problems).toEqual([]);
    }
  });
  afterAll(async () => t.close());

  it('start at once, leave the server answering, and stop when cancelled', async () => {
    const started = performance.now();
    const res = await t.app.request('/api/runs', json({ pipelineId: 'level0' }));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(performance.now() - started).toBeLessThan(1000);

    const asked = performance.now();
    expect((await t.app.request('/api/node-types')).status).toBe(200);
    expect(performance.now() - asked).toBeLessThan(500);

    const cancelled = performance.now();
    const cancel = await t.app.request(`/api/runs/${id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBeLessThan(300);
    await t.services.runs.live(id)?.done;
    expect(performance.now() - cancelled).toBeLessThan(2000);
    const run = await (await t.app.request(`/api/runs/${id}`)).json();
    expect(run.status).toBe('cancelled');
  });
});
