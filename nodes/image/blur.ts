import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { openImage, transformImage } from './sharp-image.ts';

const params = z.object({
  sigma: z.number().min(0.3).max(100).default(2).meta({
    title: 'Strength',
    description: 'Gaussian sigma in pixels: about a third of how far each pixel is smeared.',
  }),
});

export const blurNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'image.blur',
  title: 'Blur',
  description: 'Softens an image with a Gaussian blur of a chosen strength.',
  category: 'image',
  version: 1,
  inputs: [{ id: 'image', type: 'image' }],
  outputs: [{ id: 'image', type: 'image' }],
  params,
  run: ({ inputs, params, signal }) =>
    transformImage(inputs.image, 'image.blur', signal, (image) =>
      openImage(image).blur(params.sigma),
    ),
};
