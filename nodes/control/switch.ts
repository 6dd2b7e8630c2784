import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { textOf } from './if.ts';

const params = z.object({
  cases: z.array(z.string().min(1).max(200)).max(50).default(['yes', 'no']).meta({
    title: 'Cases',
    description:
      'One output per case; the value goes to the first case equal to the key (as text), or to `default`.',
  }),
});

export const switchNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'control.switch',
  title: 'Switch',
  description:
    'Sends its value to the output named like its key (or the value itself), else to `default`.',
  category: 'control',
  version: 1,
  inputs: [
    { id: 'value', type: 'any', description: 'What is passed on, to one output only.' },
    {
      id: 'key',
      type: 'any',
      optional: true,
      description: 'What picks the case; the value itself when not connected.',
    },
  ],
  outputs: [{ id: 'default', type: 'any', description: 'The value, when no case matched.' }],
  dynamicOutputs: { param: 'cases', kind: 'list', type: 'any' },
  params,
  async run({ inputs, params }) {
    const value = inputs.value;
    if (value === undefined) {
      throw new InputError('control.switch: input `value` has no value; connect what to route');
    }
    const key = textOf(inputs.key ?? value);
    // A case named `default` would be shadowed by the fixed output, so it never matches.
    const match = params.cases.find((name) => name === key && name !== 'default');
    return { [match ?? 'default']: value };
  },
};
