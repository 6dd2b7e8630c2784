import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../server/engine/index.ts';
import { pipeline, recorder, testNodes } from './fixtures.ts';

const items = (count: number) => Array.from({ length: count }, (_, i) => i);

const mapped = (list: unknown, itemParams: Record<string, unknown> = {}) =>
  pipeline(
    [
      ['list', 'test.source', { value: list }],
      ['each', 'test.item', itemParams],
      ['after', 'test.step'],
    ],
    ['list.out->each.in', 'each.out->after.in'],
    { each: { map: { port: 'in', concurrency: 4 } } },
  );

describe('map over a list', () => {
  it('runs 25 items at most 4 at a time and returns all 25 in order', async () => {
    const { registry, calls, flight } = testNodes();
    const log = recorder();
    const result = await runPipeline(mapped(items(25)), { registry, onEvent: log.onEvent });

    expect(result.status).toBe('succeeded');
    expect(result.nodes.each?.outputs?.out).toEqual(items(25).map((i) => i * 10));
    expect(calls.filter((id) => id === 'each')).toHaveLength(25);
    expect(flight.peak).toBe(4);
    expect(log.find('node.started', 'each').map((e) => e.item)).toEqual(items(25));
    expect(result.nodes.after?.outputs?.out).toEqual(items(25).map((i) => i * 10));
  });

  it('processes every item and reports a failing one by its index', async () => {
    const { registry, calls } = testNodes();
    const log = recorder();
    const result = await runPipeline(mapped(items(25), { failOn: 7 }), {
      registry,
      onEvent: log.onEvent,
    });

    expect(calls.filter((id) => id === 'each')).toHaveLength(25);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({
      code: 'item_failed',
      nodeId: 'each',
      message: 'node `each` (test.item): 1 of 25 items failed: item 7: cannot use this one',
    });
    const itemFailure = log.find('node.failed', 'each').find((e) => e.item !== undefined);
    expect(itemFailure).toMatchObject({ item: 7, error: { code: 'bad_item' } });
    expect(result.nodes.after?.status).toBe('skipped');
  });

  it('gives empty lists for an empty list, and refuses a value that is not a list', async () => {
    const { registry } = testNodes();
    const empty = await runPipeline(mapped([]), { registry });
    expect(empty.nodes.each?.outputs).toEqual({ out: [] });

    const notList = await runPipeline(mapped('text'), { registry });
    expect(notList.error?.message).toBe(
      'node `each` (test.item): input `in` must be a list to map over, but it got a string',
    );
  });
});
