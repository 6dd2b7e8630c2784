import { CancelledError, WeftError } from '../../../pipeline/errors.ts';

interface Waiter {
  grant(): void;
  reject(reason: Error): void;
  signal: AbortSignal;
}

/**
 * A counting semaphore that caps the requests in flight to one provider. A waiter whose run is
 * cancelled leaves the queue at once, so a cancelled fan-out never holds slots it will not use.
 * Nodes of one run often share its signal, so each signal gets one abort listener, not one per
 * waiter.
 */
export class Limiter {
  #active = 0;
  #limit: number;
  readonly #queue: Waiter[] = [];
  readonly #watched = new Map<AbortSignal, () => void>();

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
      this.#queue.push({ signal, grant: resolve, reject });
      this.#watch(signal);
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
      this.#unwatchIfIdle(next.signal);
      next.grant();
    }
  }

  #watch(signal: AbortSignal): void {
    if (this.#watched.has(signal)) return;
    const onAbort = () => {
      this.#watched.delete(signal);
      const reason = abortReason(signal);
      for (const waiter of this.#queue.filter((w) => w.signal === signal)) {
        this.#queue.splice(this.#queue.indexOf(waiter), 1);
        waiter.reject(reason);
      }
    };
    this.#watched.set(signal, onAbort);
    signal.addEventListener('abort', onAbort, { once: true });
  }

  #unwatchIfIdle(signal: AbortSignal): void {
    const onAbort = this.#watched.get(signal);
    if (!onAbort || this.#queue.some((w) => w.signal === signal)) return;
    this.#watched.delete(signal);
    signal.removeEventListener('abort', onAbort);
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
