import { isImage } from '../../pipeline/values.ts';
import type { Value } from '../../pipeline/values.ts';

/**
 * About how many bytes a value holds in memory: image bytes exactly, text as UTF-16, numbers and
 * the like as 8. Walks nested lists and objects with a stack, so deep JSON cannot overflow.
 */
export function byteSize(value: Value | undefined): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined || item === null) continue;
    if (typeof item === 'string') total += item.length * 2;
    else if (typeof item !== 'object') total += 8;
    else if (isImage(item)) total += item.data.byteLength + 64;
    else if (Array.isArray(item)) {
      total += 16;
      for (const child of item) stack.push(child);
    } else {
      for (const [key, child] of Object.entries(item)) {
        total += key.length * 2;
        stack.push(child);
      }
    }
  }
  return total;
}

/** The bytes of every value of a node's outputs. */
export function outputsSize(outputs: Record<string, Value | undefined>): number {
  let total = 0;
  for (const value of Object.values(outputs)) total += byteSize(value);
  return total;
}

/**
 * How deep a value's lists and objects may nest. Values are hashed, previewed and saved with
 * `JSON.stringify`, which recurses: a value ten thousand levels deep overflows the stack there.
 */
export const MAX_DEPTH = 256;

/** Whether a value nests lists or objects deeper than `limit`, walked without recursion. */
export function depthOver(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null || isImage(item)) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
