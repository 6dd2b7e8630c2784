import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { huggingfaceEmbed } from './providers/huggingface.ts';
import { openaiEmbed } from './providers/openai.ts';
import { modelFor, modelParam, providerParam, providerProblems } from './providers/params.ts';
import { textsOf } from './providers/values.ts';

const TYPE = 'model.embed';

const Params = z.object({
  provider: providerParam(['openai', 'huggingface']),
  model: modelParam,
  dimensions: z.number().int().positive().max(10_000).optional().meta({
    title: 'Dimensions',
    description: 'Shorter vectors, for models that allow it (OpenAI text-embedding-3)',
  }),
});
type Params = z.infer<typeof Params>;

/** Text to vectors: one text gives one vector, a list of texts a list of vectors, in order. */
export const embedNode: NodeDefinition<Params> = {
  type: TYPE,
  title: 'Embed text',
  description: 'Turn text into a vector of numbers for similarity search (one per text)',
  category: 'model',
  version: 1,
  inputs: [{ id: 'text', type: 'json', description: 'A text, or a list of texts' }],
  outputs: [
    {
      id: 'vector',
      type: 'json',
      description: 'A list of numbers; a list of them for a list of texts',
    },
    { id: 'dimensions', type: 'number', description: 'The length of each vector' },
  ],
  params: Params,
  deterministic: true,

  preflight: (params, env) => providerProblems(params.provider, 'embed', params.model, env),

  async run({ inputs, params, signal, context }) {
    const { texts, list } = textsOf(inputs.text, `${TYPE}: input \`text\``);
    const model = modelFor(params.provider, 'embed', params.model);
    let vectors: number[][];
    if (params.provider === 'openai') {
      const answer = await openaiEmbed(model, texts, params.dimensions, context.env, signal);
      if (answer.usage) context.usage(answer.usage);
      vectors = answer.vectors;
    } else {
      vectors = await huggingfaceEmbed(model, texts, context.env, signal);
    }
    return { vector: list ? vectors : vectors[0]!, dimensions: vectors[0]?.length ?? 0 };
  },
};
