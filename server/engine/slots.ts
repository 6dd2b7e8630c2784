/**
 * The concurrency budget of a run, shared with the sub-pipelines its nodes call, so nesting
 * never multiplies the limit. A node that waits for its sub-pipeline lends its slot to it (it
 * does no work meanwhile), so a run full of waiting calls can never starve the work they wait on.
 */
export class Slots {
  #free: number;
  readonly #waiting = new Set<() => void>();

  constructor(readonly limit: number) {
    this.#free = limit;
  }

  /** Takes a slot if one is free. */
  take(): boolean {
    if (this.#free <= 0) return false;
    this.#free--;
    return true;
  }

  /**
   * Hands a slot back without waking anyone: a slot taken for a node that settled at once, or
   * lent by a waiting call to the sub-pipeline it is about to start (which takes it at once).
   * Waking a scheduler here would re-enter it while it is starting a node.
   */
  put(): void {
    this.#free++;
  }

  /** Hands a slot back and wakes the schedulers waiting for one. */
  give(): void {
    this.#free++;
    for (const wake of this.#waiting) {
      if (this.#free <= 0) break;
      wake();
    }
  }

  /** Takes a lent slot back at once, even over the limit: its node is about to finish. */
  reclaim(): void {
    this.#free--;
  }

  /** Calls `wake` whenever a slot comes free, until the returned function is called. */
  onFree(wake: () => void): () => void {
    this.#waiting.add(wake);
    return () => this.#waiting.delete(wake);
  }
}
