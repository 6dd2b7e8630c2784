import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { JsonValue } from '../../pipeline/values.ts';
import { detectLanguages } from '../model/providers/local/language.ts';
import { runLocal } from '../model/providers/local/run.ts';
import { requireText } from '../model/providers/values.ts';

const TYPE = 'text.detect-language';

const Params = z.object({
  text: z
    .string()
    .max(2_000_000)
    .default('')
    .meta({ title: 'Text', description: 'The text, when input `text` is not connected' }),
  candidates: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .meta({ title: 'Candidates', description: 'For mixed texts: how many languages to list' }),
});
type Params = z.infer<typeof Params>;

/** Names the language of a text offline with CLD3 (over 100 languages) compiled to WebAssembly. */
export const detectLanguageNode: NodeDefinition<Params> = {
  type: TYPE,
  title: 'Detect language',
  description: 'Which language a text is written in (over 100 languages), offline',
  category: 'text',
  version: 1,
  inputs: [{ id: 'text', type: 'text', param: 'text' }],
  outputs: [
    { id: 'language', type: 'text', description: 'BCP-47 code of the main language, e.g. `fr`' },
    { id: 'name', type: 'text', description: 'Its English name, e.g. `French`' },
    {
      id: 'details',
      type: 'json',
      description: '[{ language, name, probability, reliable, proportion }], main language first',
    },
  ],
  params: Params,
  deterministic: true,

  async run({ inputs, params, signal, context }) {
    const text = requireText(inputs.text, params.text, `${TYPE}: input \`text\``);
    const guesses = await runLocal(context.env, signal, () =>
      detectLanguages(text, params.candidates),
    );
    const main = guesses[0]!;
    if (!main.reliable)
      context.log(`the guess \`${main.language}\` is unsure; the text may be too short`);
    return {
      language: main.language,
      name: main.name,
      details: guesses as unknown as JsonValue,
    };
  },
};
