import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { unescape } from './split.ts';
import { valueToText } from './to-text.ts';

const params = z.object({
  separator: z.string().max(1_000).default('\\n').meta({
    title: 'Separator',
    description: 'Put between items: \\n is a newline, \\t a tab.',
  }),
});

export const joinNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'transform.join',
  title: 'Join',
  description:
    'Joins a list into one text with a separator; objects in the list are written as JSON.',
  category: 'transform',
  version: 1,
  inputs: [{ id: 'items', type: 'json', description: 'A list of values.' }],
  outputs: [{ id: 'text', type: 'text' }],
  params,
  async run({ inputs, params }) {
    const items = inputs.items;
    if (!Array.isArray(items)) {
      const got = items === undefined ? 'no value' : items === null ? 'null' : typeof items;
      throw new InputError(`transform.join: input \`items\` needs a list, got ${got}`);
    }
    const texts = items.map((item, i) => valueToText(item, `transform.join: item ${i}`, 0));
    return { text: texts.join(unescape(params.separator)) };
  },
};
