import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { JsonValue } from '../../pipeline/values.ts';

const FENCE = /^\s*```[\w-]*\s*\n([\s\S]*?)\n\s*```\s*$/;

const params = z.object({
  stripFences: z.boolean().default(true).meta({
    title: 'Strip code fences',
    description: 'Accept JSON wrapped in a ```json fence, as language models often write it.',
  }),
});

export const parseJsonNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'transform.parse-json',
  title: 'Parse JSON',
  description: 'Reads a text as JSON and gives the value, or says where the text stops being JSON.',
  category: 'transform',
  version: 1,
  inputs: [{ id: 'text', type: 'text' }],
  outputs: [{ id: 'value', type: 'json' }],
  params,
  async run({ inputs, params }) {
    const input = inputs.text;
    if (input === undefined) {
      throw new InputError('transform.parse-json: input `text` has no value; connect a text to it');
    }
    // A value that is not text (from an `any` output) is JSON already.
    if (typeof input !== 'string') return { value: input };
    const text = params.stripFences ? (FENCE.exec(input)?.[1] ?? input) : input;
    try {
      return { value: JSON.parse(text) as JsonValue };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError(`transform.parse-json: input \`text\` is not JSON: ${reason}`);
    }
  },
};
