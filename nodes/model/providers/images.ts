import { InputError } from '../../../pipeline/errors.ts';
import { isImage, type ImageValue, type Value } from '../../../pipeline/values.ts';

/** An image as a `data:` URL, the form both OpenAI and Hugging Face accept inside a message. */
export function toDataUrl(image: ImageValue): string {
  return `data:${image.mediaType};base64,${Buffer.from(image.data).toString('base64')}`;
}

/** An image as a Blob, the form the Hugging Face client sends as a request body. */
export function toBlob(image: ImageValue): Blob {
  return new Blob([new Uint8Array(image.data)], { type: image.mediaType });
}

/**
 * The images given to a port as URLs a provider can fetch or decode: one image, a `data:` or
 * `http(s):` URL, or a list of those. Undefined or null gives none.
 */
export function imageUrls(value: Value | undefined, where: string): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, index) => {
    if (isImage(item)) return toDataUrl(item);
    if (typeof item === 'string' && /^(data:image\/|https?:\/\/)/.test(item)) return item;
    const at = Array.isArray(value) ? ` (item ${index})` : '';
    throw new InputError(
      `${where}${at} is not an image: connect an image, or give a data: or http(s) URL of one`,
    );
  });
}
