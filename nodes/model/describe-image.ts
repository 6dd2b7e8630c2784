import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { imageInput } from '../image/sharp-image.ts';
import { chat } from './providers/chat.ts';
import { huggingfaceCaption } from './providers/huggingface.ts';
import { toDataUrl } from './providers/images.ts';
import { detect, summarize } from './providers/local/human.ts';
import { runLocal } from './providers/local/run.ts';
import { modelFor, modelParam, providerParam, providerProblems } from './providers/params.ts';
import { requireText } from './providers/values.ts';

const TYPE = 'model.describe-image';

const Params = z.object({
  provider: providerParam(['openai', 'huggingface', 'local']),
  model: modelParam,
  question: z
    .string()
    .max(20_000)
    .default('Describe this image in two or three sentences.')
    .meta({ title: 'Question', description: 'What to ask about the image' }),
  mode: z.enum(['chat', 'caption']).default('chat').meta({
    title: 'Mode',
    description:
      '`chat`: a vision chat model answers the question; `caption`: a Hugging Face image-to-text model (BLIP) captions the image and ignores the question',
  }),
  temperature: z
    .number()
    .min(0)
    .max(2)
    .default(0)
    .meta({ title: 'Temperature', description: '0 gives the same answer each time' }),
  maxTokens: z
    .number()
    .int()
    .positive()
    .max(100_000)
    .optional()
    .meta({ title: 'Max tokens', description: 'Longest answer, in tokens' }),
});
type Params = z.infer<typeof Params>;

/**
 * Image and question to text. Provider `local` has no captioning model (npm ships none): it
 * says what the offline detector found, e.g. "3 persons, 1 wine glass; 3 faces".
 */
export const describeImageNode: NodeDefinition<Params> = {
  type: TYPE,
  title: 'Describe image',
  description: 'Ask a vision model about an image, or caption it; text out',
  category: 'model',
  version: 1,
  inputs: [
    { id: 'image', type: 'image' },
    { id: 'question', type: 'text', param: 'question', optional: true },
  ],
  outputs: [{ id: 'text', type: 'text', description: 'The answer or caption' }],
  params: Params,
  deterministic: (params) => params.temperature === 0,

  preflight(params, env) {
    const task = params.mode === 'caption' ? 'caption' : 'vision';
    const problems = providerProblems(params.provider, task, params.model, env);
    if (params.mode === 'caption' && params.provider !== 'huggingface') {
      problems.push('mode `caption` works with provider `huggingface` only; use mode `chat`');
    }
    return problems;
  },

  async run({ inputs, params, signal, context }) {
    const image = imageInput(inputs.image, TYPE);
    const { provider } = params;
    if (provider === 'local') {
      return { text: summarize(await runLocal(context.env, signal, () => detect(image))) };
    }
    if (params.mode === 'caption') {
      const model = modelFor(provider, 'caption', params.model);
      return { text: await huggingfaceCaption(model, image, context.env, signal) };
    }
    const question = requireText(inputs.question, params.question, `${TYPE}: input \`question\``);
    const answer = await chat(
      provider,
      {
        model: modelFor(provider, 'vision', params.model),
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: question },
              { type: 'image_url', image_url: { url: toDataUrl(image) } },
            ],
          },
        ],
        temperature: params.temperature,
        ...(params.maxTokens === undefined ? {} : { maxTokens: params.maxTokens }),
        stream: true,
      },
      { env: context.env, signal, onToken: (chunk) => context.stream('text', chunk) },
    );
    if (answer.usage) context.usage(answer.usage);
    return { text: answer.text };
  },
};
