import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { JsonValue } from '../../pipeline/values.ts';
import { analyze } from '../model/providers/local/wink.ts';
import { runLocal } from '../model/providers/local/run.ts';
import { requireText } from '../model/providers/values.ts';

const TYPE = 'text.analyze';

const Params = z.object({
  text: z.string().max(2_000_000).default('').meta({
    title: 'Text',
    description: 'The English text to analyse, when input `text` is not connected',
  }),
  keywords: z.number().int().min(0).max(100).default(10).meta({
    title: 'Keywords',
    description: 'How many of the most frequent content words to list',
  }),
});
type Params = z.infer<typeof Params>;

/** Reads an English text offline with wink-nlp and the model npm installed with it. */
export const analyzeNode: NodeDefinition<Params> = {
  type: TYPE,
  title: 'Analyse text',
  description:
    'Sentences, sentiment, entities (dates, money, e-mail, URLs, ...) and keywords, offline',
  category: 'text',
  version: 1,
  inputs: [{ id: 'text', type: 'text', param: 'text', description: 'English text' }],
  outputs: [
    {
      id: 'analysis',
      type: 'json',
      description: '{ sentiment, mood, sentences, entities, keywords, words, readingTimeSeconds }',
    },
    { id: 'sentiment', type: 'number', description: 'From -1 (negative) to 1 (positive)' },
    {
      id: 'entities',
      type: 'json',
      description: '[{ type, value, sentence }]; money also has amount and currency',
    },
  ],
  params: Params,
  deterministic: true,

  async run({ inputs, params, signal, context }) {
    const text = requireText(inputs.text, params.text, `${TYPE}: input \`text\``);
    const analysis = await runLocal(context.env, signal, async () =>
      analyze(text, params.keywords),
    );
    return {
      analysis: analysis as unknown as JsonValue,
      sentiment: analysis.sentiment,
      entities: analysis.entities as unknown as JsonValue,
    };
  },
};
