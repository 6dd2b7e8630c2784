import type Tesseract from 'tesseract.js';
import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { JsonValue } from '../../pipeline/values.ts';
import { recognize } from './ocr-worker.ts';
import { checkPixels, imageInput, openImage } from './sharp-image.ts';

export { closeOcr } from './ocr-worker.ts';

/** Tesseract's page segmentation modes, by what a user would call them. */
const PAGE_MODES = {
  auto: '3',
  'single-column': '4',
  'single-block': '6',
  'single-line': '7',
  sparse: '11',
} as const;

const params = z.object({
  language: z
    .enum(['eng'])
    .default('eng')
    .meta({ title: 'Language', description: 'The installed model to read with (English).' }),
  upscale: z.number().min(1).max(4).default(1).meta({
    title: 'Upscale',
    description:
      'Enlarge the image by this factor first: small print (letters under ~20 px) reads better at 2.',
  }),
  layout: z
    .enum(['auto', 'single-column', 'single-block', 'single-line', 'sparse'])
    .default('auto')
    .meta({
      title: 'Layout',
      description: 'How the text sits on the page; `auto` finds columns and blocks itself.',
    }),
});

type Box = { x: number; y: number; width: number; height: number };

/** A tesseract box in the input image's pixels, undoing the upscale. */
function boxOf(bbox: Tesseract.Bbox, scale: number): Box {
  const at = (n: number) => Math.round(n / scale);
  return {
    x: at(bbox.x0),
    y: at(bbox.y0),
    width: at(bbox.x1) - at(bbox.x0),
    height: at(bbox.y1) - at(bbox.y0),
  };
}

const confidence = (n: number) => Math.round(n * 10) / 10;

/** Lines and words with confidence (0–100) and boxes: what a later node needs to find columns. */
function structure(page: Tesseract.Page, scale: number): JsonValue {
  const lines = (page.blocks ?? [])
    .flatMap((block) => block.paragraphs)
    .flatMap((paragraph) => paragraph.lines)
    .map((line) => ({
      text: line.text.trim(),
      confidence: confidence(line.confidence),
      box: boxOf(line.bbox, scale),
      words: line.words.map((word) => ({
        text: word.text,
        confidence: confidence(word.confidence),
        box: boxOf(word.bbox, scale),
      })),
    }));
  return { confidence: confidence(page.confidence), lines };
}

export const ocrNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'image.ocr',
  title: 'Read Text (OCR)',
  description:
    'Reads the printed text in an image with Tesseract, offline, with word boxes and confidence.',
  category: 'image',
  version: 1,
  inputs: [{ id: 'image', type: 'image' }],
  outputs: [
    { id: 'text', type: 'text', description: 'The text, one line per printed line.' },
    { id: 'result', type: 'json', description: 'Lines and words with confidence and boxes.' },
  ],
  params,
  async run({ inputs, params, signal, context }) {
    const image = imageInput(inputs.image, 'image.ocr');
    signal.throwIfAborted();

    const scale = params.upscale;
    let pipeline = openImage(image);
    if (scale !== 1) {
      const width = Math.round(image.width * scale);
      const height = Math.round(image.height * scale);
      checkPixels(width, height, 'image.ocr: the upscaled image', 'lower `upscale`');
      pipeline = pipeline.resize({ width, height, fit: 'fill' });
    }
    // Re-encoded as PNG: tesseract reads few formats, and this one loses nothing.
    const png = await pipeline.png().toBuffer();
    signal.throwIfAborted();

    const page = await recognize(png, {
      pageSegMode: PAGE_MODES[params.layout],
      signal,
      progress: (fraction, status) => context.progress(fraction, status),
    });
    return { text: page.text.trimEnd(), result: structure(page, scale) };
  },
};
