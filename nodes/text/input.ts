import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { valueToText } from '../transform/to-text.ts';
import { ioName } from './io-name.ts';

const params = z.object({
  name: ioName('text'),
  default: z
    .string()
    .max(1_000_000)
    .optional()
    .meta({ title: 'Default', description: 'Used when a run gives no value for this input.' }),
});

export const inputNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'text.input',
  title: 'Text Input',
  description: 'A text the pipeline takes from whoever runs it, by name, with an optional default.',
  category: 'text',
  version: 1,
  io: 'input',
  inputs: [],
  outputs: [{ id: 'text', type: 'text' }],
  params,
  async run({ inputs, params }) {
    const value = inputs.value ?? params.default;
    if (value === undefined) {
      throw new InputError(
        `text.input: the run gave no value for input \`${params.name}\`; ` +
          `pass one (e.g. --input ${params.name}=...) or set a default`,
      );
    }
    return { text: valueToText(value, `text.input \`${params.name}\``) };
  },
};
