import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { checkPixels, openImage, transformImage } from './sharp-image.ts';

const MAX_SIDE = 16_384;

const side = (title: string, description: string) =>
  z.number().int().min(1).max(MAX_SIDE).default(512).meta({ title, description });

const params = z.object({
  mode: z
    .enum(['width', 'height', 'box', 'scale'])
    .default('width')
    .meta({
      title: 'Mode',
      description:
        '`width` or `height`: set that side and keep the ratio; `box`: fit width × height; ' +
        '`scale`: multiply both sides.',
    }),
  width: side('Width', 'Target width in pixels (width and box modes).'),
  height: side('Height', 'Target height in pixels (height and box modes).'),
  fit: z
    .enum(['inside', 'cover', 'contain', 'fill', 'outside'])
    .default('inside')
    .meta({ title: 'Fit', description: 'How the image fills the box (box mode).' }),
  scale: z.number().min(0.01).max(8).default(2).meta({
    title: 'Scale',
    description: 'Factor for both sides (scale mode), e.g. 2 to enlarge.',
  }),
});

type Params = z.infer<typeof params>;

/** The size sharp will make, so that one too large is refused before it is computed. */
function resultSize(params: Params, width: number, height: number): [number, number] {
  const ratio = width / height;
  const byWidth = (w: number): [number, number] => [w, Math.max(1, Math.round(w / ratio))];
  const byHeight = (h: number): [number, number] => [Math.max(1, Math.round(h * ratio)), h];
  const box = params.width / params.height;
  switch (params.mode) {
    case 'width':
      return byWidth(params.width);
    case 'height':
      return byHeight(params.height);
    case 'box':
      if (params.fit === 'inside') {
        return ratio > box ? byWidth(params.width) : byHeight(params.height);
      }
      if (params.fit === 'outside') {
        return ratio > box ? byHeight(params.height) : byWidth(params.width);
      }
      return [params.width, params.height];
    case 'scale': {
      const options = resizeOptions(params, width, height) as { width: number; height: number };
      return [options.width, options.height];
    }
  }
}

function resizeOptions(params: Params, width: number, height: number) {
  switch (params.mode) {
    case 'width':
      return { width: params.width };
    case 'height':
      return { height: params.height };
    case 'box':
      return { width: params.width, height: params.height, fit: params.fit };
    case 'scale': {
      const scaled = (n: number) => Math.min(MAX_SIDE, Math.max(1, Math.round(n * params.scale)));
      return { width: scaled(width), height: scaled(height), fit: 'fill' as const };
    }
  }
}

export const resizeNode: NodeDefinition<Params> = {
  type: 'image.resize',
  title: 'Resize',
  description:
    'Scales an image to a width, a height or a box, or by a factor (e.g. 2x before OCR).',
  category: 'image',
  version: 1,
  inputs: [{ id: 'image', type: 'image' }],
  outputs: [{ id: 'image', type: 'image' }],
  params,
  run: ({ inputs, params, signal }) =>
    transformImage(inputs.image, 'image.resize', signal, (image) => {
      const [width, height] = resultSize(params, image.width, image.height);
      checkPixels(width, height, 'image.resize: the result', 'choose a smaller size');
      return openImage(image).resize(resizeOptions(params, image.width, image.height));
    }),
};
