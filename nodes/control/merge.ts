import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';

const params = z.object({
  inputs: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and _'))
    .min(1)
    .max(20)
    .default(['first', 'second'])
    .meta({
      title: 'Inputs',
      description:
        'One optional input per name, checked in this order; the first with a value wins.',
    }),
});

export const mergeNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'control.merge',
  title: 'Merge',
  description:
    'Joins branches again: passes on the first of its inputs that got a value, in the listed order.',
  category: 'control',
  version: 1,
  inputs: [],
  outputs: [
    { id: 'value', type: 'any', description: 'The first value that arrived.' },
    { id: 'from', type: 'text', description: 'The name of the input it came from.' },
  ],
  dynamicInputs: { param: 'inputs', kind: 'list', type: 'any', optional: true },
  params,
  async run({ inputs, params }) {
    const from = params.inputs.find((name) => inputs[name] !== undefined);
    if (from === undefined) {
      // The engine skips a merge none of whose branches ran; this is for a direct call.
      const names = params.inputs.map((name) => `\`${name}\``).join(', ');
      throw new InputError(`control.merge: none of its inputs (${names}) has a value`);
    }
    return { value: inputs[from], from };
  },
};
