import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import { placeholders } from '../../pipeline/graph.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { valueToText } from '../transform/to-text.ts';

/** The grammar of `placeholders` in pipeline/graph.ts, which grows one input port per name. */
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
    const missing = placeholders(params.template).filter((name) => inputs[name] === undefined);
    if (missing.length > 0) {
      const list = missing.map((name) => `{{${name}}}`).join(', ');
      const fix =
        missing.length === 1
          ? 'has no value; connect its input'
          : 'have no value; connect their inputs';
      throw new InputError(`text.template: ${list} ${fix}`);
    }
    const text = params.template.replace(PLACEHOLDER, (_whole, name: string) =>
      valueToText(inputs[name] ?? null, `text.template: input \`${name}\``),
    );
    return { text };
  },
};
