import { CancelledError, WeftError } from '../../../pipeline/errors.ts';

interface Waiter {
  grant(): void;
  signal: AbortSignal;
}

/**
 * A counting semaphore that caps the requests in flight to one provider. A waiter whose run is
 * cancelled leaves the queue at once, so a cancelled fan-out never holds slots it will not use.
 */
export class Limiter {
  #active = 0;
  #limit: number;
  readonly #queue: Waiter[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Slots in all; raising it lets waiters in at once. */
  get limit(): number {
    return this.#limit;
  }

  set limit(value: number) {
    this.#limit = Math.max(1, Math.floor(value));
    this.#drain();
  }

  /** Requests holding a slot now. */
  get active(): number {
    return this.#active;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Waits for a slot; the returned function gives it back (once, however often it is called). */
  async acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) throw abortReason(signal);
    if (this.#active < this.#limit) {
      this.#active += 1;
      return this.#releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(abortReason(signal));
      };
      const waiter: Waiter = {
        signal,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
    return this.#releaser();
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active -= 1;
      this.#drain();
    };
  }

  #drain(): void {
    while (this.#active < this.#limit && this.#queue.length > 0) {
      const next = this.#queue.shift()!;
      this.#active += 1;
      next.grant();
    }
  }
}

/** The error a cancelled wait ends with: the engine's own reason when it gave one. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof WeftError ? signal.reason : new CancelledError();
}

const limiters = new Map<string, Limiter>();

/**
 * The one limiter of a provider, shared by every run in the process. The limit follows the
 * latest environment seen, so a server restarted with a new setting needs no other change.
 */
export function limiterFor(provider: string, limit: number): Limiter {
  let limiter = limiters.get(provider);
  if (!limiter) {
    limiter = new Limiter(limit);
    limiters.set(provider, limiter);
  } else if (limiter.limit !== limit) {
    limiter.limit = limit;
  }
  return limiter;
}
