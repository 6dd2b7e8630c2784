import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { ImageValue } from '../../pipeline/values.ts';
import { imageInput } from '../image/sharp-image.ts';
import { chat, parseStructured } from './providers/chat.ts';
import type { ChatOptions } from './providers/chat-types.ts';
import { huggingfaceClassify, type Label } from './providers/huggingface.ts';
import { toDataUrl } from './providers/images.ts';
import { detect } from './providers/local/human.ts';
import { runLocal } from './providers/local/run.ts';
import { modelFor, modelParam, providerParam, providerProblems } from './providers/params.ts';

const TYPE = 'model.classify-image';

const Params = z.object({
  provider: providerParam(['huggingface', 'openai', 'local']),
  model: modelParam,
  labels: z.array(z.string().min(1).max(200)).max(100).default([]).meta({
    title: 'Labels',
    description:
      "Classify among these (zero-shot, e.g. CLIP); empty: the model's own classes. Provider `openai` needs them",
  }),
  topK: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .meta({ title: 'Top K', description: 'How many labels to keep' }),
});
type Params = z.infer<typeof Params>;

/**
 * Image to labels with scores, best first. Provider `local` gives the kinds of object the
 * offline detector found, each with its best score.
 */
export const classifyImageNode: NodeDefinition<Params> = {
  type: TYPE,
  title: 'Classify image',
  description: 'Label an image with scores: a classifier, zero-shot among your labels, or offline',
  category: 'model',
  version: 1,
  inputs: [{ id: 'image', type: 'image' }],
  outputs: [
    { id: 'labels', type: 'json', description: '[{ label, score }], best first' },
    { id: 'top', type: 'text', description: 'The best label' },
  ],
  params: Params,
  deterministic: true,

  preflight(params, env) {
    // OpenAI has no classifier of its own: only the missing labels are worth saying.
    const zeroShot = params.labels.length > 0 || params.provider === 'openai';
    const task = zeroShot ? 'zero-shot' : 'classify';
    const problems = providerProblems(params.provider, task, params.model, env);
    if (params.provider === 'openai' && params.labels.length === 0) {
      problems.push('provider `openai` classifies only among given labels: set param `labels`');
    }
    return problems;
  },

  async run({ inputs, params, signal, context }) {
    const image = imageInput(inputs.image, TYPE);
    const { provider, labels } = params;
    const task = labels.length ? 'zero-shot' : 'classify';
    let found: Label[];
    if (provider === 'local') {
      found = await runLocal(context.env, signal, async () => localLabels(image, labels));
    } else if (provider === 'huggingface') {
      found = await huggingfaceClassify(
        modelFor(provider, task, params.model),
        image,
        labels,
        context.env,
        signal,
      );
    } else {
      found = await askChat(image, labels, modelFor(provider, task, params.model), {
        env: context.env,
        signal,
      });
    }
    const ranked = [...found].sort((a, b) => b.score - a.score).slice(0, params.topK);
    return {
      labels: ranked.map(({ label, score }) => ({ label, score })),
      top: ranked[0]?.label ?? '',
    };
  },
};

async function localLabels(image: ImageValue, labels: string[]): Promise<Label[]> {
  const { objects } = await detect(image);
  const best = new Map<string, number>();
  for (const { label, score } of objects) best.set(label, Math.max(best.get(label) ?? 0, score));
  if (labels.length === 0) return [...best].map(([label, score]) => ({ label, score }));
  return labels.map((label) => ({ label, score: best.get(label) ?? 0 }));
}

/** Zero-shot through a vision chat model, with the answer held to a schema of the labels. */
async function askChat(image: ImageValue, labels: string[], model: string, options: ChatOptions) {
  const schema = {
    type: 'object',
    properties: {
      scores: {
        type: 'array',
        items: {
          type: 'object',
          properties: { label: { type: 'string', enum: labels }, score: { type: 'number' } },
          required: ['label', 'score'],
        },
      },
    },
    required: ['scores'],
  };
  const question = `Score how well each label describes the image, from 0 to 1. Labels: ${labels.map((l) => JSON.stringify(l)).join(', ')}.`;
  const answer = await chat(
    'openai',
    {
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: question },
            { type: 'image_url', image_url: { url: toDataUrl(image) } },
          ],
        },
      ],
      temperature: 0,
      schema,
      stream: false,
    },
    options,
  );
  return (parseStructured(answer.text, schema, false) as unknown as { scores: Label[] }).scores;
}
