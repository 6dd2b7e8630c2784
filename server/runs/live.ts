import type { RunEvent } from '../../pipeline/events.ts';
import type { RunId } from '../../pipeline/ids.ts';
import type { ImageValue } from '../../pipeline/values.ts';
import type { RunRecord } from '../storage/history.ts';

const FLUSH_DELAY_MS = 200;

/**
 * A run in progress: its events so far (a late subscriber replays them from the start), the
 * images it has shown but may not have written yet, and the means to cancel it.
 */
export class LiveRun {
  readonly events: RunEvent[] = [];
  readonly controller = new AbortController();
  /** Images named in previews, served from memory until their artifact file is written. */
  readonly images = new Map<string, ImageValue>();
  /** Artifact names already written, so the end of the run does not write them again. */
  readonly saved = new Map<string, Promise<void>>();
  /** The artifact each image's bytes were first saved as; one image is written once. */
  readonly names = new WeakMap<Uint8Array, string>();
  done!: Promise<RunRecord>;
  #finished = false;
  #wake: (() => void)[] = [];
  #unflushed: RunEvent[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: RunId,
    readonly startedAt: number,
    private readonly persist: (events: RunEvent[]) => void,
  ) {}

  get finished(): boolean {
    return this.#finished;
  }

  push(event: RunEvent): void {
    this.events.push(event);
    this.#unflushed.push(event);
    // Batched so a chat node streaming tokens does not cost one database commit per token.
    this.#timer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
    this.#timer.unref?.();
    this.#notify();
  }

  /** Writes the events not yet in history. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#unflushed.length === 0) return;
    const batch = this.#unflushed;
    this.#unflushed = [];
    this.persist(batch);
  }

  /** Marks the run over: subscribers drain what is left and stop waiting. */
  end(): void {
    this.flush();
    this.#finished = true;
    this.#notify();
  }

  /** Resolves once there are more than `seen` events, or the run is over. */
  next(seen: number): Promise<void> {
    if (this.events.length > seen || this.#finished) return Promise.resolve();
    return new Promise((resolve) => this.#wake.push(resolve));
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = [];
    for (const resolve of wake) resolve();
  }
}
