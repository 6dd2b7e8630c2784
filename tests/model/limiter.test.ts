import { describe, expect, it } from 'vitest';
import { CancelledError, TimeoutError } from '../../pipeline/errors.ts';
import { Limiter, limiterFor } from '../../nodes/model/providers/limiter.ts';

const never = new AbortController().signal;

describe('the per-provider limiter', () => {
  it('lets in up to its limit and queues the rest in order', async () => {
    const limiter = new Limiter(2);
    const order: number[] = [];
    const releases = await Promise.all([limiter.acquire(never), limiter.acquire(never)]);
    const third = limiter.acquire(never).then((release) => (order.push(3), release));
    const fourth = limiter.acquire(never).then((release) => (order.push(4), release));
    expect([limiter.active, limiter.waiting]).toEqual([2, 2]);
    releases[0]!();
    releases[0]!(); // a second call gives back nothing more
    await third;
    expect([limiter.active, limiter.waiting, order]).toEqual([2, 1, [3]]);
    releases[1]!();
    (await fourth)();
    (await third)();
    expect([limiter.active, limiter.waiting, order]).toEqual([0, 0, [3, 4]]);
  });

  it('drops a cancelled waiter from the queue at once', async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire(never);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    const behind = limiter.acquire(never);
    expect(limiter.waiting).toBe(2);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    expect(limiter.waiting).toBe(1);
    release();
    (await behind)();
    expect(limiter.active).toBe(0);
  });

  it('rejects every waiter of a shared run signal at once when it aborts', async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire(never);
    const run = new AbortController();
    const waiters = Array.from({ length: 30 }, () => limiter.acquire(run.signal));
    const other = limiter.acquire(never);
    expect(limiter.waiting).toBe(31);
    run.abort();
    const settled = await Promise.allSettled(waiters);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(limiter.waiting).toBe(1);
    release();
    (await other)();
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it("ends a waiter with the engine's own reason, such as a time-out", async () => {
    const limiter = new Limiter(1);
    await limiter.acquire(never);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new TimeoutError('node `a` (model.chat) timed out'));
    await expect(waiting).rejects.toThrow('timed out');
  });

  it('lets waiters in when the limit is raised, and is one per provider', async () => {
    const limiter = limiterFor('test-provider', 1);
    expect(limiterFor('test-provider', 1)).toBe(limiter);
    await limiter.acquire(never);
    const waiting = limiter.acquire(never);
    expect(limiterFor('test-provider', 2)).toBe(limiter);
    (await waiting)();
    expect(limiter.limit).toBe(2);
  });
});
