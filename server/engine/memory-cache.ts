import type { Value } from '../../pipeline/values.ts';
import { outputsSize } from './sizes.ts';
import type { ResultCache } from './types.ts';

type Outputs = Record<string, Value | undefined>;

/** 256 MiB: room for a few hundred full-size images. */
const DEFAULT_BUDGET = 256 * 1024 * 1024;

/**
 * Node results in memory, shared by the runs of one process. Least recently used results go
 * first once the byte budget is reached; a result larger than the whole budget is not kept.
 * Values are shared with the runs that read them, so nodes must not change their inputs.
 */
export class MemoryCache implements ResultCache {
  readonly maxBytes: number;
  // A Map iterates in insertion order: re-inserting on every read keeps the oldest first.
  readonly #entries = new Map<string, { outputs: Outputs; bytes: number }>();
  #bytes = 0;

  constructor(options: { maxBytes?: number } = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_BUDGET;
  }

  get(key: string): Outputs | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.outputs;
  }

  set(key: string, outputs: Outputs): void {
    this.delete(key);
    const bytes = outputsSize(outputs);
    if (bytes > this.maxBytes) return;
    this.#entries.set(key, { outputs, bytes });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Results held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Bytes held, as `byteSize` counts them. */
  get bytes(): number {
    return this.#bytes;
  }
}
