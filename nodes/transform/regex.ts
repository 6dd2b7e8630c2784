import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { regexInSandbox } from './sandbox.ts';
import { textInput } from './to-text.ts';

const MAX_MATCHES = 100_000;

/** The pattern's compile error, or undefined when it compiles. */
function compileError(pattern: string, flags: string): string | undefined {
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const params = z
  .object({
    pattern: z.string().min(1).max(10_000).default('\\d+').meta({
      title: 'Pattern',
      description: 'A JavaScript regular expression; (?<name>...) groups come out by name.',
    }),
    flags: z
      .string()
      .regex(/^[imsuv]*$/, { message: 'use only the flags i, m, s, u and v' })
      .refine((flags) => new Set(flags).size === flags.length, 'each flag may appear once')
      .default('m')
      .meta({
        title: 'Flags',
        description: 'i: ignore case; m: ^ and $ match at each line; s: . matches newlines.',
      }),
    timeoutMs: z.number().int().min(10).max(60_000).default(5_000).meta({
      title: 'Time limit (ms)',
      description: 'Stops a pattern that backtracks too long, such as (a+)+ on a long line.',
    }),
  })
  .superRefine(({ pattern, flags }, ctx) => {
    const error = compileError(pattern, `${flags}g`);
    if (error) ctx.addIssue({ code: 'custom', path: ['pattern'], message: error });
  });

export const regexNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'transform.regex',
  title: 'Regex Extract',
  description:
    'Finds every match of a regular expression in a text, with its numbered and named groups.',
  category: 'transform',
  version: 1,
  inputs: [{ id: 'text', type: 'text' }],
  outputs: [
    { id: 'matches', type: 'json', description: 'Every match: { match, index, groups, named }.' },
    { id: 'first', type: 'text', description: 'The first match, or empty text when none.' },
    { id: 'count', type: 'number' },
  ],
  params,
  async run({ inputs, params, signal }) {
    const text = textInput(inputs.text, 'transform.regex');

    // Every match is wanted, so `g` is always on; the other flags are the user's. The pattern
    // runs on a thread that can be stopped: some patterns never finish on some texts.
    const job = { kind: 'matchAll' as const, pattern: params.pattern, flags: `${params.flags}g` };
    const { matches, more } = await regexInSandbox(
      { ...job, text, max: MAX_MATCHES },
      'transform.regex: the pattern',
      { timeoutMs: params.timeoutMs, signal, fix: 'make it more specific or raise `timeoutMs`' },
    );
    if (more) {
      throw new InputError(
        `transform.regex: more than ${MAX_MATCHES} matches; make the pattern more specific`,
      );
    }
    const first = (matches[0] as { match?: string } | undefined)?.match ?? '';
    return { matches, first, count: matches.length };
  },
};
