import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { imageInput, openImage, toImage } from './sharp-image.ts';

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
  async run({ inputs, signal }) {
    // One channel, not sRGB with three equal ones: a third of the pixels for the same picture.
    const image = imageInput(inputs.image, 'image.grayscale');
    signal.throwIfAborted();
    const result = await toImage(openImage(image).grayscale().toColourspace('b-w'));
    signal.throwIfAborted();
    return { image: result };
  },
};
