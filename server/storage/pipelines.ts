import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PipelineLookup } from '../../pipeline/calls.ts';
import { SAFE_NAME, readIfExists, writeAtomic } from './files.ts';

/** A saved pipeline as stored: the file as the user saved it, and when it was last written. */
export interface StoredPipeline {
  id: string;
  pipeline: unknown;
  updatedAt: number;
}

export interface PipelineSummary {
  id: string;
  name: string;
  description?: string;
  nodeCount: number;
  updatedAt: number;
}

/** Whether `id` can name a saved pipeline: letters, digits, `_` and `-`, up to 100. */
export const isPipelineId = (id: string) => SAFE_NAME.test(id);

/**
 * The saved pipelines of a folder as `pipeline.call` nodes look them up: `<dir>/<id>.json` as
 * stored (parsed JSON, or its text when it does not parse: the check says what is wrong), or
 * `undefined` when there is no such file or `id` could not name one. Synchronous, since the
 * check is; each call reads the file again, so a pipeline saved a moment ago is seen.
 */
export function savedPipelines(dir: string): PipelineLookup {
  return {
    get(id) {
      if (!isPipelineId(id)) return undefined;
      let text: string;
      try {
        text = readFileSync(path.join(dir, `${id}.json`), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // ENOTDIR: the folder itself is a file, so it holds no pipelines.
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw error;
      }
      return parseOrText(text);
    },
  };
}

/** Saved pipelines: one pretty-printed JSON file per pipeline in one folder. */
export class PipelineStore {
  /** The pipelines of this store, for checks and runs of `pipeline.call` nodes. */
  readonly lookup: PipelineLookup;

  /** The last write queued for each id; see `#inTurn`. */
  readonly #turns = new Map<string, Promise<void>>();

  constructor(readonly dir: string) {
    this.lookup = savedPipelines(dir);
  }

  #file(id: string): string {
    // Routes refuse unsafe ids with a 400 first; this guards every other caller.
    if (!isPipelineId(id)) throw new Error(`"${id}" is not a safe pipeline id`);
    return path.join(this.dir, `${id}.json`);
  }

  async get(id: string): Promise<StoredPipeline | undefined> {
    const file = this.#file(id);
    const data = await readIfExists(file);
    if (data === undefined) return undefined;
    const { mtimeMs } = await fs.stat(file);
    return { id, pipeline: parseOrText(data.toString('utf8')), updatedAt: Math.round(mtimeMs) };
  }

  async has(id: string): Promise<boolean> {
    return (await readIfExists(this.#file(id))) !== undefined;
  }

  /** Creates or replaces a pipeline; says whether it was new. */
  put(id: string, pipeline: unknown): Promise<{ created: boolean; updatedAt: number }> {
    return this.#inTurn(id, async () => {
      const created = !(await this.has(id));
      return { created, updatedAt: await this.#write(id, pipeline) };
    });
  }

  /** Creates a pipeline unless one with this id exists; `undefined` when it does. */
  create(id: string, pipeline: unknown): Promise<{ updatedAt: number } | undefined> {
    return this.#inTurn(id, async () => {
      if (await this.has(id)) return undefined;
      return { updatedAt: await this.#write(id, pipeline) };
    });
  }

  async #write(id: string, pipeline: unknown): Promise<number> {
    await writeAtomic(this.#file(id), `${JSON.stringify(pipeline, null, 2)}\n`);
    const { mtimeMs } = await fs.stat(this.#file(id));
    return Math.round(mtimeMs);
  }

  /**
   * Runs the writes of one id one after another. Each checks whether the file exists and then
   * writes it; two interleaved would both find it missing, and one create would silently
   * replace the other.
   */
  #inTurn<T>(id: string, work: () => Promise<T>): Promise<T> {
    const result = (this.#turns.get(id) ?? Promise.resolve()).then(work);
    const turn = result.then(
      () => undefined,
      () => undefined,
    );
    this.#turns.set(id, turn);
    void turn.then(() => {
      if (this.#turns.get(id) === turn) this.#turns.delete(id);
    });
    return result;
  }

  async delete(id: string): Promise<boolean> {
    try {
      await fs.unlink(this.#file(id));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** Every saved pipeline, most recently changed first. A file that no longer parses is listed by id. */
  async list(): Promise<PipelineSummary[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
    const stored = await Promise.all(ids.filter(isPipelineId).map((id) => this.get(id)));
    return stored
      .filter((s): s is StoredPipeline => s !== undefined)
      .map(summarize)
      .sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
  }

  /** A new id from a pipeline's name: readable, and unique in this folder. */
  async newId(name: string): Promise<string> {
    const base =
      name
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'pipeline';
    for (;;) {
      const id = `${base}-${randomBytes(3).toString('hex')}`;
      if (!(await this.has(id))) return id;
    }
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function summarize({ id, pipeline, updatedAt }: StoredPipeline): PipelineSummary {
  const file = (typeof pipeline === 'object' && pipeline !== null ? pipeline : {}) as {
    name?: unknown;
    description?: unknown;
    nodes?: unknown;
  };
  const summary: PipelineSummary = {
    id,
    name: typeof file.name === 'string' ? file.name : id,
    nodeCount: Array.isArray(file.nodes) ? file.nodes.length : 0,
    updatedAt,
  };
  if (typeof file.description === 'string') summary.description = file.description;
  return summary;
}
