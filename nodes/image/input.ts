import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { isImage, type ImageValue, type Value } from '../../pipeline/values.ts';
import { ioName } from '../text/io-name.ts';
import { imageFromBytes } from './sharp-image.ts';

const params = z.object({ name: ioName('image') });

const DATA_URL = /^data:image\/[\w.+-]+;base64,/;

/** The run's value as an image: an image value, or a base64 data URL (as a browser sends). */
async function readImage(value: Value, name: string): Promise<ImageValue> {
  const where = `image.input \`${name}\``;
  // Sizes from a client are not trusted: the header of the bytes says what they are.
  if (isImage(value)) return imageFromBytes(value.data, where);
  if (typeof value === 'string' && DATA_URL.test(value)) {
    const base64 = value.slice(value.indexOf(',') + 1);
    return imageFromBytes(Buffer.from(base64, 'base64'), where);
  }
  throw new InputError(`${where}: needs an image file or an image data URL, got ${typeof value}`);
}

export const inputNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'image.input',
  title: 'Image Input',
  description: 'An image the pipeline takes from whoever runs it, by name (a file or a data URL).',
  category: 'image',
  version: 1,
  io: 'input',
  inputs: [],
  outputs: [{ id: 'image', type: 'image' }],
  params,
  async run({ inputs, params }) {
    if (inputs.value === undefined) {
      throw new InputError(
        `image.input: the run gave no image for input \`${params.name}\`; ` +
          `pass one (e.g. --input ${params.name}=@photo.jpg)`,
      );
    }
    return { image: await readImage(inputs.value, params.name) };
  },
};
