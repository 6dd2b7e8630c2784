import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { openImage, transformImage } from './sharp-image.ts';

const params = z.object({});

export const grayscaleNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'image.grayscale',
  title: 'Grayscale',
  description: 'Removes the colour from an image, keeping its format and size.',
  category: 'image',
  version: 1,
  inputs: [{ id: 'image', type: 'image' }],
  outputs: [{ id: 'image', type: 'image' }],
  params,
  run: ({ inputs, signal }) =>
    // One channel, not sRGB with three equal ones: a third of the pixels for the same picture.
    transformImage(inputs.image, 'image.grayscale', signal, (image) =>
      openImage(image).grayscale().toColourspace('b-w'),
    ),
};
