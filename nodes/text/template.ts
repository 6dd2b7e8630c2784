import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { valueToText } from '../transform/to-text.ts';

/** The same placeholder grammar the editor uses to grow one input port per name. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

const params = z.object({
  template: z.string().max(1_000_000).default('Hello, {{name}}!').meta({
    title: 'Template',
    description: 'Text with {{name}} placeholders; each placeholder becomes an input.',
  }),
});

export const templateNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'text.template',
  title: 'Template',
  description: 'Fills the {{name}} placeholders of a text with the values of its inputs.',
  category: 'text',
  version: 1,
  inputs: [],
  outputs: [{ id: 'text', type: 'text' }],
  dynamicInputs: { param: 'template', kind: 'placeholders', type: 'text' },
  params,
  async run({ inputs, params }) {
    const text = params.template.replace(PLACEHOLDER, (_whole, name: string) => {
      const value = inputs[name];
      if (value === undefined) {
        throw new InputError(
          `text.template: placeholder {{${name}}} has no value; connect its input \`${name}\``,
        );
      }
      return valueToText(value, `text.template: input \`${name}\``);
    });
    return { text };
  },
};
