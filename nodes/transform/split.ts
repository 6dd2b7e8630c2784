import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { REGEX_TIME_LIMIT_MS, regexInSandbox } from './sandbox.ts';
import { textInput } from './to-text.ts';

const params = z
  .object({
    separator: z.string().max(1_000).default('\\n').meta({
      title: 'Separator',
      description: 'Where to cut: \\n is a newline, \\t a tab. Empty cuts between characters.',
    }),
    regex: z
      .boolean()
      .default(false)
      .meta({ title: 'Regex', description: 'Read the separator as a regular expression.' }),
    trim: z
      .boolean()
      .default(true)
      .meta({ title: 'Trim', description: 'Remove spaces around each piece.' }),
    dropEmpty: z
      .boolean()
      .default(true)
      .meta({ title: 'Drop empty', description: 'Leave out pieces that are empty.' }),
  })
  .superRefine(({ separator, regex }, ctx) => {
    if (!regex) return;
    try {
      new RegExp(separator);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['separator'], message: String(error) });
    }
  });

/** `\n`, `\t` and `\\` typed into a one-line settings field, read as the characters they name. */
export function unescape(text: string): string {
  return text.replace(/\\([nt\\])/g, (_all, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : '\\',
  );
}

export const splitNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'transform.split',
  title: 'Split',
  description: 'Cuts a text into a list at a separator (a newline by default) or a regex.',
  category: 'transform',
  version: 1,
  inputs: [{ id: 'text', type: 'text' }],
  outputs: [
    { id: 'items', type: 'json', description: 'The pieces, as a list of texts.' },
    { id: 'count', type: 'number' },
  ],
  params,
  async run({ inputs, params, signal }) {
    const text = textInput(inputs.text, 'transform.split');

    // A regex separator is used as typed: its own escapes (\n, \s) already mean what they say.
    // It runs on a thread that can be stopped: some patterns never finish on some texts.
    const pieces = params.regex
      ? await regexInSandbox(
          { kind: 'split', pattern: params.separator, text },
          'transform.split: the separator',
          { timeoutMs: REGEX_TIME_LIMIT_MS, signal },
        )
      : text.split(unescape(params.separator));
    let items = pieces.filter((item): item is string => item !== undefined);
    if (params.trim) items = items.map((item) => item.trim());
    if (params.dropEmpty) items = items.filter((item) => item !== '');
    return { items, count: items.length };
  },
};
