import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { openImage, transformImage } from './sharp-image.ts';

const params = z.object({
  format: z
    .enum(['png', 'jpeg', 'webp'])
    .default('png')
    .meta({ title: 'Format', description: 'The file format to write.' }),
  quality: z.number().int().min(1).max(100).default(80).meta({
    title: 'Quality',
    description: 'JPEG and WebP quality, 1–100: higher is sharper and larger. PNG ignores it.',
  }),
  lossless: z
    .boolean()
    .default(false)
    .meta({ title: 'Lossless', description: 'WebP only: keep every pixel exact.' }),
  background: z
    .string()
    .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { message: 'use a hex colour such as #ffffff' })
    .default('#ffffff')
    .meta({
      title: 'Background',
      description: 'JPEG only: fills transparent parts, which it cannot store.',
    }),
});

type Params = z.infer<typeof params>;

export const convertNode: NodeDefinition<Params> = {
  type: 'image.convert',
  title: 'Convert Format',
  description: 'Writes an image as PNG, JPEG or WebP, with a quality setting for the lossy ones.',
  category: 'image',
  version: 1,
  inputs: [{ id: 'image', type: 'image' }],
  outputs: [{ id: 'image', type: 'image' }],
  params,
  run: ({ inputs, params, signal }) =>
    transformImage(inputs.image, 'image.convert', signal, (image) => {
      const pipeline = openImage(image);
      const { quality } = params;
      if (params.format === 'png') pipeline.png();
      if (params.format === 'webp') pipeline.webp({ quality, lossless: params.lossless });
      if (params.format === 'jpeg') {
        pipeline.flatten({ background: params.background }).jpeg({ quality });
      }
      return pipeline;
    }),
};
