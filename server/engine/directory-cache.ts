import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { isImage } from '../../pipeline/values.ts';
import type { Value } from '../../pipeline/values.ts';
import type { ResultCache } from './types.ts';

type Outputs = Record<string, Value | undefined>;

const SUFFIX = '.json';
/** 1 GiB on disk by default. */
const DEFAULT_BUDGET = 1024 * 1024 * 1024;

/**
 * Node results as files in one folder (the CLI's `--cache DIR`), so they outlive the process.
 * One JSON file per result, images inline as base64; written to a temporary file and renamed, so
 * a reader never sees half a result. Least recently used files go first once the folder passes
 * its byte budget.
 */
export class DirectoryCache implements ResultCache {
  readonly dir: string;
  readonly maxBytes: number;
  #bytes: number;

  constructor(dir: string, options: { maxBytes?: number } = {}) {
    this.dir = dir;
    this.maxBytes = options.maxBytes ?? DEFAULT_BUDGET;
    mkdirSync(dir, { recursive: true });
    this.#bytes = this.#files().reduce((sum, file) => sum + file.bytes, 0);
  }

  get(key: string): Outputs | undefined {
    const path = this.#path(key);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const outputs = JSON.parse(text, revive) as Outputs;
      const now = new Date();
      utimesSync(path, now, now);
      return outputs;
    } catch {
      // A file damaged outside Weft is a miss, not a failed run.
      return undefined;
    }
  }

  set(key: string, outputs: Outputs): void {
    const text = JSON.stringify(outputs, replace);
    if (text.length > this.maxBytes) return;
    const path = this.#path(key);
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, path);
    this.#bytes += text.length;
    if (this.#bytes > this.maxBytes) this.#prune();
  }

  #path(key: string): string {
    // Keys are base64url hashes; anything else is made safe rather than trusted as a file name.
    return join(this.dir, key.replace(/[^A-Za-z0-9_-]/g, '_') + SUFFIX);
  }

  #files(): { path: string; bytes: number; used: number }[] {
    return readdirSync(this.dir)
      .filter((name) => name.endsWith(SUFFIX))
      .flatMap((name) => {
        try {
          const stat = statSync(join(this.dir, name));
          return [{ path: join(this.dir, name), bytes: stat.size, used: stat.mtimeMs }];
        } catch {
          return [];
        }
      });
  }

  #prune(): void {
    const files = this.#files().sort((a, b) => a.used - b.used);
    let total = files.reduce((sum, file) => sum + file.bytes, 0);
    for (const file of files) {
      if (total <= this.maxBytes * 0.9) break;
      rmSync(file.path, { force: true });
      total -= file.bytes;
    }
    this.#bytes = total;
  }
}

function replace(_key: string, value: unknown): unknown {
  if (!isImage(value)) return value;
  const { mediaType, width, height, data } = value;
  return { $image: { mediaType, width, height, base64: Buffer.from(data).toString('base64') } };
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('$image' in value)) return value;
  const image = (
    value as { $image: { mediaType: string; width: number; height: number; base64: string } }
  ).$image;
  return {
    kind: 'image',
    mediaType: image.mediaType,
    width: image.width,
    height: image.height,
    data: new Uint8Array(Buffer.from(image.base64, 'base64')),
  };
}
