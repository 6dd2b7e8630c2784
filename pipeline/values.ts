/**
 * Values that travel along edges while a pipeline runs. Images are bytes plus a media type and
 * their size; they leave the engine as artifact files or data URLs, never as arrays of numbers.
 */
export interface ImageValue {
  kind: 'image';
  data: Uint8Array;
  mediaType: string;
  width: number;
  height: number;
}

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Anything a port can carry. `undefined` means "no value" (an unconnected optional input). */
export type Value = JsonValue | ImageValue;

export function isImage(value: unknown): value is ImageValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'image' &&
    (value as { data?: unknown }).data instanceof Uint8Array
  );
}

/** A short, JSON-safe view of a value for events and the editor. */
export type Preview =
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'json'; value: JsonValue; truncated: boolean }
  | { kind: 'image'; mediaType: string; width: number; height: number; bytes: number; url?: string }
  | { kind: 'empty' };

const PREVIEW_TEXT_LIMIT = 4000;

export function previewOf(value: Value | undefined, imageUrl?: string): Preview {
  if (value === undefined || value === null) return { kind: 'empty' };
  if (typeof value === 'string') {
    const truncated = value.length > PREVIEW_TEXT_LIMIT;
    return {
      kind: 'text',
      text: truncated ? value.slice(0, PREVIEW_TEXT_LIMIT) : value,
      truncated,
    };
  }
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (isImage(value)) {
    const { mediaType, width, height } = value;
    const base = { kind: 'image' as const, mediaType, width, height, bytes: value.data.byteLength };
    return imageUrl === undefined ? base : { ...base, url: imageUrl };
  }
  if (JSON.stringify(value).length <= PREVIEW_TEXT_LIMIT) {
    return { kind: 'json', value, truncated: false };
  }
  return { kind: 'json', value: shrinkJson(value, PREVIEW_TEXT_LIMIT), truncated: true };
}

/**
 * A smaller copy of a JSON value that still has its shape, so a preview of a large result stays
 * a tree the editor can fold rather than a cut-off string. Lists keep their first items and say
 * how many more there were; long strings are cut; deep levels are summarised.
 */
export function shrinkJson(value: JsonValue, limit: number): JsonValue {
  const tries: Shrink[] = [
    { items: 50, chars: 400, depth: 8 },
    { items: 20, chars: 200, depth: 6 },
    { items: 8, chars: 100, depth: 4 },
    { items: 3, chars: 60, depth: 3 },
    { items: 1, chars: 40, depth: 2 },
  ];
  let shrunk: JsonValue = null;
  for (const limits of tries) {
    shrunk = shrinkTo(value, limits, 0);
    if (JSON.stringify(shrunk).length <= limit) return shrunk;
  }
  return shrunk;
}

interface Shrink {
  items: number;
  chars: number;
  depth: number;
}

// Recursion is bounded by `depth`, never by the size of the value.
function shrinkTo(value: JsonValue, limits: Shrink, depth: number): JsonValue {
  if (typeof value === 'string') {
    return value.length > limits.chars ? `${value.slice(0, limits.chars)}…` : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (depth >= limits.depth) return `[… ${value.length} items]`;
    const kept = value.slice(0, limits.items).map((item) => shrinkTo(item, limits, depth + 1));
    const more = value.length - kept.length;
    return more > 0 ? [...kept, `… ${more} more`] : kept;
  }
  const entries = Object.entries(value);
  if (depth >= limits.depth) return `{… ${entries.length} keys}`;
  const kept = entries
    .slice(0, limits.items * 2)
    .map(([key, item]): [string, JsonValue] => [key, shrinkTo(item, limits, depth + 1)]);
  const out: Record<string, JsonValue> = Object.fromEntries(kept);
  const more = entries.length - kept.length;
  if (more > 0) out['…'] = `${more} more keys`;
  return out;
}
