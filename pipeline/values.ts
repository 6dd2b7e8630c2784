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
  const text = JSON.stringify(value);
  if (text.length <= PREVIEW_TEXT_LIMIT) return { kind: 'json', value, truncated: false };
  return { kind: 'text', text: text.slice(0, PREVIEW_TEXT_LIMIT), truncated: true };
}
