import sharp from 'sharp';
import type { ImageValue } from '../../../../pipeline/values.ts';
import { toImage } from '../../../image/sharp-image.ts';
import type { Box } from './human.ts';

export interface Mark {
  box: Box;
  label: string;
}

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6'];

/**
 * The image with each box drawn and labelled, as an SVG laid over it by sharp. Colours follow
 * the label, so every `person` has the same one. The image is auto-oriented first, as the
 * detector saw it, so the boxes land where they were found; `width` and `height` are its size
 * after that.
 */
export async function drawBoxes(
  image: ImageValue,
  marks: Mark[],
  { width, height }: { width: number; height: number },
): Promise<ImageValue> {
  const base = sharp(image.data).rotate();
  const side = Math.min(width, height);
  const stroke = Math.max(2, Math.round(side / 300));
  const font = Math.max(12, Math.round(side / 40));
  const colours = new Map<string, string>();
  const shapes = marks.map(({ box, label }) => {
    const kind = label.replace(/ \d+%$/, '');
    if (!colours.has(kind)) colours.set(kind, PALETTE[colours.size % PALETTE.length]!);
    const colour = colours.get(kind)!;
    const frame = `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="none" stroke="${colour}" stroke-width="${stroke}"/>`;
    if (!label) return frame;
    const tagWidth = Math.round(label.length * font * 0.6 + font * 0.6);
    const tagY = box.y >= font + 4 ? box.y - font - 4 : box.y;
    return [
      frame,
      `<rect x="${box.x}" y="${tagY}" width="${tagWidth}" height="${font + 4}" fill="${colour}"/>`,
      `<text x="${box.x + font * 0.3}" y="${tagY + font}" font-family="DejaVu Sans, sans-serif" font-size="${font}" fill="#fff">${escapeXml(label)}</text>`,
    ].join('');
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join('')}</svg>`;
  const format = image.mediaType === 'image/png' ? 'png' : 'jpeg';
  return toImage(base.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]).toFormat(format));
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
