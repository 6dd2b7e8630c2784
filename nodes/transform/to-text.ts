import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { isImage, type Value } from '../../pipeline/values.ts';

const params = z.object({
  indent: z.number().int().min(0).max(8).default(2).meta({
    title: 'Indent',
    description: 'Spaces per level when the value is JSON; 0 for one line.',
  }),
});

/**
 * A value as text: a string as it is, numbers and booleans written out, `null` as empty text,
 * anything else as JSON. Throws for an image, which has no text form worth passing on.
 */
export function valueToText(value: Value, where: string, indent = 2): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isImage(value)) {
    throw new InputError(`${where} got an image where text was expected; read it with image.ocr`);
  }
  return JSON.stringify(value, null, indent);
}

/** The text on a required input port, or an error naming the node and port. */
export function textInput(value: Value | undefined, nodeType: string, port = 'text'): string {
  if (value === undefined) {
    throw new InputError(`${nodeType}: input \`${port}\` has no value; connect a text to it`);
  }
  return valueToText(value, `${nodeType}: input \`${port}\``);
}

export const toTextNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'transform.to-text',
  title: 'To Text',
  description:
    'Turns any value into text: numbers and booleans written out, lists and objects as JSON.',
  category: 'transform',
  version: 1,
  inputs: [{ id: 'value', type: 'json', description: 'The value to write as text.' }],
  outputs: [{ id: 'text', type: 'text' }],
  params,
  async run({ inputs, params }) {
    const value = inputs.value;
    if (value === undefined) throw new InputError('transform.to-text: input `value` has no value');
    return { text: valueToText(value, 'transform.to-text: input `value`', params.indent) };
  },
};
