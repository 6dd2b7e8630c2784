import { isImage, previewOf, shrinkJson } from '../../pipeline/values.ts';
import type { ImageValue, JsonValue, Preview, Value } from '../../pipeline/values.ts';

const LIMIT = 4000;

/**
 * `previewOf`, safe for lists and objects that hold images (a mapped image node's outputs): each
 * image shows as its media type and size, never as its bytes.
 */
export function previewValue(value: Value | undefined, imageUrl?: string): Preview {
  if (typeof value !== 'object' || value === null || isImage(value)) {
    return previewOf(value, imageUrl);
  }
  let hasImage = false;
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!isImage(item)) return item;
    hasImage = true;
    return summary(item);
  });
  if (!hasImage) return previewOf(value);
  const summarised = JSON.parse(text) as JsonValue;
  if (text.length <= LIMIT) return { kind: 'json', value: summarised, truncated: false };
  return { kind: 'json', value: shrinkJson(summarised, LIMIT), truncated: true };
}

function summary(image: ImageValue) {
  const { mediaType, width, height } = image;
  return { kind: 'image', mediaType, width, height, bytes: image.data.byteLength };
}
