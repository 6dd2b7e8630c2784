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
