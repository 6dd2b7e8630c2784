import { MinHeap } from '../../pipeline/graph.ts';
import type { Plan } from './plan.ts';
import type { Slots } from './slots.ts';

/**
 * Starts every node whose inputs are all settled, while `slots` has one free; among nodes ready
 * together the smallest id starts first, so runs are repeatable. `start` returns a promise for
 * work that takes time, or nothing when the node settled at once (served from the cache,
 * skipped): those do not take a slot, and the loop goes on without growing the stack.
 * Resolves when every node has settled, or when the signal aborted and nothing is in flight.
 */
export function schedule(
  plan: Plan,
  slots: Slots,
  signal: AbortSignal,
  start: (id: string) => Promise<void> | undefined,
): Promise<void> {
  const waiting = new Map<string, number>();
  const ready = new MinHeap();
  for (const id of plan.order) {
    const count = (plan.nodes.get(id)?.incoming ?? []).length;
    waiting.set(id, count);
    if (count === 0) ready.push(id);
  }
  let inFlight = 0;

  return new Promise<void>((resolve) => {
    const release = (id: string) => {
      for (const target of plan.nodes.get(id)?.dependents ?? []) {
        const left = (waiting.get(target) ?? 0) - 1;
        waiting.set(target, left);
        if (left === 0) ready.push(target);
      }
    };
    const pump = () => {
      while (ready.size > 0 && !signal.aborted && slots.take()) {
        const id = ready.pop() as string;
        const work = start(id);
        if (!work) {
          slots.put();
          release(id);
          continue;
        }
        inFlight++;
        void work.then(() => {
          inFlight--;
          release(id);
          slots.give();
          pump();
        });
      }
      if (inFlight === 0 && (ready.size === 0 || signal.aborted)) {
        stopWaiting();
        resolve();
      }
    };
    // Another run sharing the slots (a sub-pipeline, or the run that called this one) may free one.
    const stopWaiting = slots.onFree(pump);
    pump();
  });
}
