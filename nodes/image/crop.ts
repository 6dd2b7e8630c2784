import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { openImage, transformImage } from './sharp-image.ts';

const MAX_SIDE = 16_384;

const pixels = (title: string, description: string, fallback: number, min: number) =>
  z.number().int().min(min).max(MAX_SIDE).default(fallback).meta({ title, description });

const params = z.object({
  left: pixels('Left', 'Distance of the box from the left edge, in pixels.', 0, 0),
  top: pixels('Top', 'Distance of the box from the top edge, in pixels.', 0, 0),
  width: pixels('Width', 'Width of the box; clipped at the right edge.', 256, 1),
  height: pixels('Height', 'Height of the box; clipped at the bottom edge.', 256, 1),
});

export const cropNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'image.crop',
  title: 'Crop',
  description: 'Keeps a rectangle of an image; a box running past an edge is clipped to it.',
  category: 'image',
  version: 1,
  inputs: [{ id: 'image', type: 'image' }],
  outputs: [{ id: 'image', type: 'image' }],
  params,
  run: ({ inputs, params, signal }) =>
    transformImage(inputs.image, 'image.crop', signal, (image) => {
      const { left, top } = params;
      if (left >= image.width || top >= image.height) {
        throw new InputError(
          `image.crop: the box starts at ${left},${top}, outside the ${image.width}×${image.height} ` +
            `image; make left below ${image.width} and top below ${image.height}`,
        );
      }
      const width = Math.min(params.width, image.width - left);
      const height = Math.min(params.height, image.height - top);
      return openImage(image).extract({ left, top, width, height });
    }),
};
