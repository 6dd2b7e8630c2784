import { createHash } from 'node:crypto';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { NodeMap } from '../../pipeline/schema.ts';
import { isImage } from '../../pipeline/values.ts';
import type { Value } from '../../pipeline/values.ts';

/** The key of "no value": an unconnected input, a branch not taken. */
export const NO_VALUE = '-';

/**
 * A node's cache key: a hash of its type, version, params, map setting and the keys of the values
 * on its inputs. An input's key is its source node's key plus the port, so a change anywhere
 * upstream changes every key below it without hashing any value twice. `extra` covers what else
 * the outputs depend on (the content of a called pipeline).
 */
export function nodeKey(
  definition: NodeDefinition<any>,
  params: unknown,
  map: NodeMap | undefined,
  inputKeys: Record<string, string>,
  extra?: string,
): string {
  const inputs = Object.keys(inputKeys)
    .sort()
    .map((port) => [port, inputKeys[port]]);
  const material = [definition.type, definition.version, stableJson(params), map ?? null, inputs];
  // Left out when absent, so the keys of every other node stay what they were.
  if (extra !== undefined) material.push(extra);
  return hash(JSON.stringify(material));
}

/** The key of a value given to the run (an input node's value), from its content. */
export function valueKey(value: Value | undefined): string {
  return value === undefined ? NO_VALUE : hash(stableJson(value));
}

/** JSON with object keys sorted and images replaced by a hash of their bytes. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (isImage(item)) {
      return { image: hash(item.data), mediaType: item.mediaType, w: item.width, h: item.height };
    }
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort())
      sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}

export function hash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url');
}
