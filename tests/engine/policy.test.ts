import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../server/engine/index.ts';
import { pipeline, recorder, testNodes } from './fixtures.ts';

describe('per-node policies', () => {
  it('retries a retryable failure and succeeds on the third attempt, with events for each', async () => {
    const { registry, calls } = testNodes();
    const log = recorder();
    const file = pipeline([['call', 'test.flaky', { failures: 2 }]], [], {
      call: { policy: { retries: 3, backoffMs: 1 } },
    });
    const result = await runPipeline(file, { registry, onEvent: log.onEvent });

    expect(result.status).toBe('succeeded');
    expect(result.nodes.call).toMatchObject({ attempts: 3, outputs: { out: 3 } });
    expect(calls).toEqual(['call', 'call', 'call']);
    expect(log.find('node.started').map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(log.find('node.failed').map((e) => [e.attempt, e.willRetry, e.error.message])).toEqual([
      [1, true, 'node `call` (test.flaky): busy (attempt 1)'],
      [2, true, 'node `call` (test.flaky): busy (attempt 2)'],
    ]);
  });

  it('backs off exponentially, or as long as the provider asked', async () => {
    const { registry } = testNodes();
    const log = recorder();
    const file = pipeline(
      [
        ['doubling', 'test.flaky', { failures: 2 }],
        ['asked', 'test.flaky', { failures: 1, retryAfterMs: 120 }],
      ],
      [],
      {
        doubling: { policy: { retries: 2, backoffMs: 40 } },
        asked: { policy: { retries: 1, backoffMs: 1 } },
      },
    );
    await runPipeline(file, { registry, onEvent: log.onEvent });
    const gaps = (id: string) => {
      const starts = log.find('node.started', id).map((e) => e.at);
      return starts.slice(1).map((at, i) => at - (starts[i] as number));
    };
    const [first, second] = gaps('doubling') as [number, number];
    expect(first).toBeGreaterThanOrEqual(39);
    expect(second).toBeGreaterThanOrEqual(79);
    expect(gaps('asked')[0]).toBeGreaterThanOrEqual(119);
  });

  it('never retries an error the node did not mark retryable', async () => {
    const { registry, calls } = testNodes();
    const file = pipeline([['call', 'test.flaky', { failures: 1, retryable: false }]], [], {
      call: { policy: { retries: 5, backoffMs: 1 } },
    });
    const result = await runPipeline(file, { registry });
    expect(result.status).toBe('failed');
    expect(calls).toEqual(['call']);
    expect(result.nodes.call?.attempts).toBe(1);
  });

  it('retries a time-out', async () => {
    const { registry, calls } = testNodes();
    const file = pipeline([['slow', 'test.sleep', { ms: 5000 }]], [], {
      slow: { policy: { timeoutMs: 20, retries: 1, backoffMs: 1 } },
    });
    const result = await runPipeline(file, { registry });
    expect(calls).toEqual(['slow', 'slow']);
    expect(result.error?.message).toContain('timed out after 20 ms');
  });

  it('continues past a failure when asked: descendants see empty outputs and can fall back', async () => {
    const { registry, calls } = testNodes();
    const log = recorder();
    const file = pipeline(
      [
        ['bad', 'test.fail'],
        ['fallback', 'test.sleep', { ms: 1 }],
        ['strict', 'test.step'],
      ],
      ['bad.out->fallback.in', 'bad.out->strict.in'],
      { bad: { policy: { onFailure: 'continue' } } },
    );
    const result = await runPipeline(file, { registry, onEvent: log.onEvent });

    expect(result.status).toBe('succeeded');
    expect(result.nodes.bad?.status).toBe('failed');
    expect(log.first('node.failed', 'bad').error.message).toBe('node `bad` (test.fail): it broke');
    // `fallback` takes `in` optionally and falls back to its own value; `strict` needs it.
    expect(result.nodes.fallback).toMatchObject({ status: 'succeeded', outputs: { out: 1 } });
    expect(calls).not.toContain('strict');
    expect(log.first('node.skipped', 'strict').reason).toBe(
      'input `in` got no value: `bad` failed and its policy is to continue',
    );
  });
});
