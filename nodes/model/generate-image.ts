import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { huggingfaceGenerateImage } from './providers/huggingface.ts';
import { toDataUrl } from './providers/images.ts';
import { openaiGenerateImages } from './providers/openai.ts';
import { modelFor, modelParam, providerParam, providerProblems } from './providers/params.ts';
import { requireText } from './providers/values.ts';

const TYPE = 'model.generate-image';

const Params = z.object({
  provider: providerParam(['openai', 'huggingface']),
  model: modelParam,
  prompt: z.string().max(32_000).default('').meta({
    title: 'Prompt',
    description: 'What the picture shows, when input `prompt` is not connected',
  }),
  size: z
    .string()
    .regex(/^(auto|\d{2,4}x\d{2,4})$/, 'a size looks like 1024x1024 (width x height) or auto')
    .default('1024x1024')
    .meta({
      title: 'Size',
      description: 'Width x height in pixels, e.g. 1024x1024; models accept only some sizes',
    }),
  count: z
    .number()
    .int()
    .min(1)
    .max(4)
    .default(1)
    .meta({ title: 'Count', description: 'How many images to make' }),
});
type Params = z.infer<typeof Params>;

/**
 * Text to image. Output `image` is the first picture, so it wires straight into image nodes;
 * `images` lists all of them as `data:` URLs (a JSON list cannot hold image values), which
 * model.chat's `images` input and a node mapped over the list both take.
 */
export const generateImageNode: NodeDefinition<Params> = {
  type: TYPE,
  title: 'Generate image',
  description: 'Make pictures from a text prompt with an image model',
  category: 'model',
  version: 1,
  inputs: [{ id: 'prompt', type: 'text', param: 'prompt' }],
  outputs: [
    { id: 'image', type: 'image', description: 'The first image' },
    { id: 'images', type: 'json', description: 'Every image, as a list of data: URLs' },
  ],
  params: Params,
  deterministic: false,

  preflight: (params, env) => providerProblems(params.provider, 'image', params.model, env),

  async run({ inputs, params, signal, context }) {
    const prompt = requireText(inputs.prompt, params.prompt, `${TYPE}: input \`prompt\``);
    const model = modelFor(params.provider, 'image', params.model);
    context.progress(0, `asking ${model} for ${params.count} image(s)`);
    const images =
      params.provider === 'openai'
        ? await openaiGenerateImages(
            { model, prompt, size: params.size, count: params.count },
            context.env,
            signal,
          )
        : await Promise.all(
            Array.from({ length: params.count }, () =>
              huggingfaceGenerateImage(model, prompt, sizeOf(params.size), context.env, signal),
            ),
          );
    return { image: images[0], images: images.map(toDataUrl) };
  },
};

function sizeOf(size: string): { width: number; height: number } | undefined {
  const match = /^(\d+)x(\d+)$/.exec(size);
  return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
}
