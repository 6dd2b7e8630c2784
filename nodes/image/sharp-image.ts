import sharp, { type Metadata, type Sharp } from 'sharp';
import { InputError } from '../../pipeline/errors.ts';
import { isImage, type ImageValue, type Value } from '../../pipeline/values.ts';

const MEDIA_TYPES: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heif: 'image/heif',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
};

/**
 * The most pixels an image may have: sharp's own input limit (16383 squared), which stops a
 * small file that claims a huge size. A node never makes an image larger than this, since the
 * next node could not open it.
 */
export const MAX_PIXELS = 0x3fff * 0x3fff;

const megapixels = (pixels: number) => Math.floor(pixels / 1_000_000);

/**
 * Refuses a size over `MAX_PIXELS` before any pixel is computed, naming it; `who` says whose
 * image it is and `fix` what to change.
 */
export function checkPixels(width: number, height: number, who: string, fix: string): void {
  if (width * height <= MAX_PIXELS) return;
  throw new InputError(
    `${who} would be ${width}×${height} pixels, over the limit of ${megapixels(MAX_PIXELS)} megapixels; ${fix}`,
  );
}

/**
 * Why sharp refused bytes, when it is their size: "the image is 50000×50000 pixels, over the
 * limit ...". `undefined` when the bytes are not an image at all.
 */
export async function oversized(bytes: Uint8Array): Promise<string | undefined> {
  try {
    // Only the header is read: the size it claims, not the pixels.
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (width * height <= MAX_PIXELS) return undefined;
    return `the image is ${width}×${height} pixels, over the limit of ${megapixels(MAX_PIXELS)} megapixels; send a smaller image`;
  } catch {
    return undefined;
  }
}

/** The media type of a format name sharp reports (`jpeg`, `png`, ...). */
export function mediaTypeOf(format: string): string {
  return MEDIA_TYPES[format] ?? `image/${format}`;
}

/**
 * The image on an input port, or an error naming the node and port. Nodes take images only
 * through here, so every one of them refuses a missing or non-image value the same way.
 */
export function imageInput(value: Value | undefined, nodeType: string, port = 'image'): ImageValue {
  if (value === undefined) {
    throw new InputError(`${nodeType}: input \`${port}\` has no image; connect an image to it`);
  }
  if (!isImage(value)) {
    const kind = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
    throw new InputError(`${nodeType}: input \`${port}\` needs an image, got ${kind}`);
  }
  return value;
}

/**
 * A sharp pipeline over an image value. `autoOrient` applies the EXIF orientation first; it is
 * off by default so that each node changes only what it says it changes.
 */
export function openImage(image: ImageValue, options: { autoOrient?: boolean } = {}): Sharp {
  return sharp(image.data, { autoOrient: options.autoOrient ?? false });
}

/**
 * Runs a sharp pipeline and returns the result as an image value with its real size. A gray
 * image stays gray: sharp writes sRGB unless told otherwise, which would triple a grayscale
 * image's channels at the first node after `image.grayscale`.
 */
export async function toImage(pipeline: Sharp): Promise<ImageValue> {
  const input = await pipeline.metadata();
  if (input.space === 'b-w') pipeline.toColourspace('b-w');
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return {
    kind: 'image',
    data,
    mediaType: mediaTypeOf(info.format),
    width: info.width,
    height: info.height,
  };
}

/**
 * The body of a node that takes one image on `image` and gives one back on `image`: reads the
 * input, builds the sharp pipeline with `transform` and writes the result. A cancelled run stops
 * before the work starts and its result is dropped after, so each such node behaves alike.
 */
export async function transformImage(
  input: Value | undefined,
  nodeType: string,
  signal: AbortSignal,
  transform: (image: ImageValue) => Sharp,
): Promise<{ image: ImageValue }> {
  const image = imageInput(input, nodeType);
  signal.throwIfAborted();
  const result = await toImage(transform(image));
  signal.throwIfAborted();
  return { image: result };
}

/**
 * Reads the bytes of an image file into an image value, with its media type and size from the
 * file's own header. Throws when sharp cannot read them as an image.
 */
export async function imageFromBytes(bytes: Uint8Array, where = 'image'): Promise<ImageValue> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    const reason =
      (await oversized(bytes)) ?? `the bytes are not an image sharp can read (${String(error)})`;
    throw new InputError(`${where}: ${reason}`);
  }
  const { format, width, height } = metadata;
  return { kind: 'image', data: bytes, mediaType: mediaTypeOf(format), width, height };
}
