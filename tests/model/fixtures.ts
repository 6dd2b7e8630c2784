import sharp from 'sharp';
import type { ImageValue } from '../../pipeline/values.ts';

/** A small PNG made on the spot: the model tests care about bytes on the wire, not content. */
export async function smallPng(
  width = 64,
  height = 48,
  background = '#3366cc',
): Promise<ImageValue> {
  const png = await sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
  return { kind: 'image', data: new Uint8Array(png), mediaType: 'image/png', width, height };
}
