import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { isImage } from '../../pipeline/values.ts';
import type { Value } from '../../pipeline/values.ts';
import { REGEX_TIME_LIMIT_MS, regexInSandbox } from '../transform/sandbox.ts';

const TESTS = [
  'truthy',
  'equals',
  'not-equals',
  'contains',
  'matches',
  'greater',
  'less',
  'empty',
  'not-empty',
] as const;

const params = z
  .object({
    test: z.enum(TESTS).default('truthy').meta({
      title: 'Test',
      description:
        'What to check about the value when `condition` is not connected: truthy (not empty, false, 0 or null), equals, contains, matches (a regular expression), greater, less, empty.',
    }),
    operand: z.string().max(10_000).default('').meta({
      title: 'Compare with',
      description: 'The text, number or regular expression the test compares the value with.',
    }),
  })
  .refine((p) => p.test !== 'matches' || isRegex(p.operand), {
    message: 'is not a valid regular expression',
    path: ['operand'],
  });

type Params = z.infer<typeof params>;

export const ifNode: NodeDefinition<Params> = {
  type: 'control.if',
  title: 'If',
  description:
    'Sends its value on `then` or `else`, by a boolean input or a test of the value; the other side is skipped.',
  category: 'control',
  version: 1,
  inputs: [
    { id: 'value', type: 'any', description: 'What is passed on, to one side only.' },
    {
      id: 'condition',
      type: 'boolean',
      optional: true,
      description: 'When connected, decides alone: true sends the value to `then`.',
    },
  ],
  outputs: [
    { id: 'then', type: 'any', description: 'The value, when the condition holds.' },
    { id: 'else', type: 'any', description: 'The value, when it does not.' },
  ],
  params,
  async run({ inputs, params, signal }) {
    const value = inputs.value;
    if (value === undefined) {
      throw new InputError('control.if: input `value` has no value; connect what to route');
    }
    const condition = inputs.condition;
    const holds =
      condition === undefined ? await passes(value, params, signal) : condition === true;
    // The side not taken gets no value at all, so the engine skips what hangs off it.
    return holds ? { then: value } : { else: value };
  },
};

/** Whether a value passes the test; exported for the switch's and the editor's tests alike. */
export async function passes(
  value: Value,
  { test, operand }: Params,
  signal: AbortSignal,
): Promise<boolean> {
  switch (test) {
    case 'truthy':
      return !isEmpty(value) && value !== false && value !== 0;
    case 'empty':
      return isEmpty(value);
    case 'not-empty':
      return !isEmpty(value);
    case 'equals':
      return sameAs(value, operand);
    case 'not-equals':
      return !sameAs(value, operand);
    case 'contains':
      return Array.isArray(value)
        ? value.some((item) => textOf(item) === operand)
        : textOf(value).includes(operand);
    case 'matches':
      // On a thread that can be stopped: some patterns never finish on some texts.
      return regexInSandbox(
        { kind: 'test', pattern: operand, text: textOf(value) },
        'control.if: the pattern',
        { timeoutMs: REGEX_TIME_LIMIT_MS, signal },
      );
    case 'greater':
    case 'less': {
      const [left, right] = [Number(textOf(value)), Number(operand)];
      if (Number.isNaN(left) || Number.isNaN(right)) return false;
      return test === 'greater' ? left > right : left < right;
    }
  }
}

function sameAs(value: Value, operand: string): boolean {
  if (typeof value === 'number') return operand.trim() !== '' && value === Number(operand);
  return textOf(value) === operand;
}

function isEmpty(value: Value): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !isImage(value)) return Object.keys(value).length === 0;
  return false;
}

/** A value as the text the tests compare: JSON for lists and objects, nothing for an image. */
export function textOf(value: Value): string {
  if (typeof value === 'string') return value;
  if (value === null || isImage(value)) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
