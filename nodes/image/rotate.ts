import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { checkPixels, openImage, transformImage } from './sharp-image.ts';

const params = z.object({
  autoOrient: z.boolean().default(true).meta({
    title: 'Auto-orient',
    description: 'First turn the image upright as its EXIF orientation says (as phones store it).',
  }),
  angle: z.number().min(-360).max(360).default(0).meta({
    title: 'Angle',
    description:
      'Then rotate clockwise by this many degrees; other than 90° steps widens the canvas.',
  }),
  background: z
    .string()
    .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, {
      message: 'use a hex colour such as #ffffff',
    })
    .default('#ffffff')
    .meta({ title: 'Background', description: 'Fills the corners an odd angle uncovers.' }),
});

export const rotateNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'image.rotate',
  title: 'Rotate',
  description: 'Turns an image upright from its EXIF orientation, then rotates it by an angle.',
  category: 'image',
  version: 1,
  inputs: [{ id: 'image', type: 'image' }],
  outputs: [{ id: 'image', type: 'image' }],
  params,
  run: ({ inputs, params, signal }) =>
    transformImage(inputs.image, 'image.rotate', signal, (image) => {
      const pipeline = openImage(image, { autoOrient: params.autoOrient });
      if (params.angle % 360 === 0) return pipeline;

      // An angle off the right angles widens the canvas to hold the turned corners.
      const turn = (params.angle * Math.PI) / 180;
      const [cos, sin] = [Math.abs(Math.cos(turn)), Math.abs(Math.sin(turn))];
      const width = Math.round(image.width * cos + image.height * sin);
      const height = Math.round(image.width * sin + image.height * cos);
      checkPixels(width, height, 'image.rotate: the turned image', 'make the image smaller first');
      return pipeline.rotate(params.angle, { background: params.background });
    }),
};
