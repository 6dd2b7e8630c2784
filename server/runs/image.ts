import type { ImageValue } from '../../pipeline/values.ts';
import { imageFromBytes } from '../../nodes/image/sharp-image.ts';

/** Reads uploaded or local bytes as an image, or `undefined` when they are not one. */
export async function readImage(data: Uint8Array): Promise<ImageValue | undefined> {
  try {
    return await imageFromBytes(data);
  } catch {
    return undefined;
  }
}

/** Decodes `data:[type][;base64],payload`, or `undefined` when the text is not a data URL. */
export function decodeDataUrl(text: string): Uint8Array | undefined {
  const match = /^data:([^,]*?),(.*)$/s.exec(text);
  if (!match) return undefined;
  const [, meta = '', payload = ''] = match;
  if (meta.split(';').includes('base64')) {
    return new Uint8Array(Buffer.from(payload.replace(/\s+/g, ''), 'base64'));
  }
  try {
    return new Uint8Array(Buffer.from(decodeURIComponent(payload), 'utf8'));
  } catch {
    return undefined;
  }
}
