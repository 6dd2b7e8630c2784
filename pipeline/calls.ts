import { migrate } from './migrate.ts';
import type { NodeDefinition } from './node-type.ts';
import { PipelineFileSchema } from './schema.ts';
import type { PipelineFile, PipelineNode } from './schema.ts';

/**
 * Finds saved pipelines by id, for the nodes that run one (`pipeline.call`). Synchronous: the
 * server reads its files synchronously or preloads them. A file is returned as stored (any
 * JSON, possibly of an older format version); `undefined` means there is no such pipeline.
 */
export interface PipelineLookup {
  get(id: string): unknown;
}

/** Finds node types; a `NodeDefinition` lookup (the registry) fits. */
export interface CallTypeLookup {
  get(type: string): NodeDefinition<any> | undefined;
}

/** The id of the saved pipeline a node runs, or undefined when its type runs none. */
export function calledId(node: PipelineNode, types: CallTypeLookup): string | undefined {
  const param = types.get(node.type)?.calls?.param;
  if (param === undefined) return undefined;
  const id = node.params[param];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** A stored file, migrated and parsed, or undefined when it is not a pipeline file. */
export function readSaved(file: unknown): PipelineFile | undefined {
  if (file === undefined) return undefined;
  const migrated = migrate(file);
  if ('problem' in migrated) return undefined;
  const parsed = PipelineFileSchema.safeParse(migrated.file);
  return parsed.success ? parsed.data : undefined;
}

/** Who is the root of a call graph: the file being checked or run, under its saved id if any. */
const ROOT = '\u0000root';

/**
 * The graph of which saved pipeline calls which, read lazily from the lookup. The root (the
 * file being checked, which may be an unsaved edit) stands in for its own saved id, so a
 * self-call of the edited version is found even before it is saved.
 */
export class CallGraph {
  readonly #files = new Map<string, PipelineFile | undefined>();
  readonly #targets = new Map<string, string[]>();

  constructor(
    private readonly types: CallTypeLookup,
    private readonly pipelines: PipelineLookup,
    private readonly root?: { file: PipelineFile; id: string | undefined },
  ) {}

  /** The saved pipeline of this id, parsed; undefined when missing or not a pipeline file. */
  file(id: string): PipelineFile | undefined {
    if (this.root && (id === ROOT || id === this.root.id)) return this.root.file;
    if (!this.#files.has(id)) this.#files.set(id, readSaved(this.pipelines.get(id)));
    return this.#files.get(id);
  }

  /** The distinct pipelines a saved pipeline calls, in file order. */
  targets(id: string): string[] {
    const key = this.root && id === this.root.id ? ROOT : id;
    let found = this.#targets.get(key);
    if (!found) {
      const ids = (this.file(key)?.nodes ?? []).map((node) => calledId(node, this.types));
      found = [...new Set(ids.filter((target) => target !== undefined))];
      this.#targets.set(key, found);
    }
    return found;
  }

  /** Every saved pipeline reachable from `id` through calls, itself included, by id. */
  reachable(id: string): Map<string, PipelineFile> {
    const found = new Map<string, PipelineFile>();
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      const file = this.file(next);
      if (found.has(next) || !file) continue;
      found.set(next, file);
      stack.push(...this.targets(next));
    }
    return found;
  }

  /**
   * For each pipeline the root calls directly, the chain of calls by which running it would
   * never end, e.g. `['a', 'b', 'a']`; pipelines whose calls all end are left out. The root's
   * own id leads a chain it is part of; an unsaved root never is.
   */
  recursion(): Map<string, string[]> {
    const rootId = this.root?.id ?? ROOT;
    // `next` points each pipeline whose calls never end one step along such a chain; walking it
    // from any of them must come back to a pipeline already passed.
    const next = new Map<string, string>();
    const done = new Set<string>();
    const open = new Set<string>([rootId]);
    // An explicit stack of frames: a chain of 10,000 calls must not overflow the call stack.
    const frames: { id: string; index: number }[] = [{ id: rootId, index: 0 }];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as (typeof frames)[number];
      const targets = this.targets(frame.id);
      if (frame.index < targets.length) {
        const target = targets[frame.index++] as string;
        if (open.has(target) || next.has(target)) {
          if (!next.has(frame.id)) next.set(frame.id, target);
        } else if (!done.has(target)) {
          open.add(target);
          frames.push({ id: target, index: 0 });
        }
        continue;
      }
      frames.pop();
      open.delete(frame.id);
      done.add(frame.id);
      const parent = frames[frames.length - 1];
      if (parent && next.has(frame.id) && !next.has(parent.id)) next.set(parent.id, frame.id);
    }

    const result = new Map<string, string[]>();
    for (const target of this.targets(rootId)) {
      if (target !== rootId && !next.has(target)) continue;
      const chain = [rootId];
      const seen = new Set(chain);
      let step = target;
      while (!seen.has(step)) {
        chain.push(step);
        seen.add(step);
        step = next.get(step) as string;
      }
      chain.push(step);
      result.set(target, chain[0] === ROOT ? chain.slice(1) : chain);
    }
    return result;
  }
}
