import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { chat, parseStructured, schemaProblem, type ContentPart } from './providers/chat.ts';
import type { ChatMessage } from './providers/chat-types.ts';
import { imageUrls } from './providers/images.ts';
import { modelFor, modelParam, providerParam, providerProblems } from './providers/params.ts';
import { requireText, textOf } from './providers/values.ts';

const Params = z.object({
  provider: providerParam(['openai', 'huggingface']),
  model: modelParam,
  prompt: z.string().max(200_000).default('').meta({
    title: 'Prompt',
    description: 'The message to the model, when input `prompt` is not connected',
  }),
  system: z
    .string()
    .max(50_000)
    .default('')
    .meta({ title: 'System', description: 'Instructions that frame every answer' }),
  temperature: z.number().min(0).max(2).default(0.7).meta({
    title: 'Temperature',
    description: '0 gives the same answer for the same input (and lets the run cache it)',
  }),
  maxTokens: z
    .number()
    .int()
    .positive()
    .max(1_000_000)
    .optional()
    .meta({ title: 'Max tokens', description: 'Longest answer, in tokens' }),
  stop: z
    .array(z.string().min(1))
    .max(4)
    .default([])
    .meta({ title: 'Stop', description: 'Stop at any of these texts' }),
  schema: z.record(z.string(), z.unknown()).optional().meta({
    title: 'JSON Schema',
    description: 'The answer must be JSON that matches this schema; it comes out on output `json`',
  }),
  stream: z
    .boolean()
    .default(true)
    .meta({ title: 'Stream', description: 'Show tokens as they arrive' }),
});
type Params = z.infer<typeof Params>;

/** A chat model answers a prompt, optionally about images, as text or as schema-checked JSON. */
export const chatNode: NodeDefinition<Params> = {
  type: 'model.chat',
  title: 'Chat',
  description: 'Ask a chat model: text in, text (or JSON matching a schema) out; tokens stream',
  category: 'model',
  version: 1,
  inputs: [
    { id: 'prompt', type: 'text', param: 'prompt', description: 'The message to the model' },
    { id: 'system', type: 'text', param: 'system', optional: true },
    {
      id: 'images',
      type: 'any',
      optional: true,
      description: 'An image, or a list of images or image URLs, for a vision model',
    },
  ],
  outputs: [
    { id: 'text', type: 'text', description: "The model's answer" },
    { id: 'json', type: 'json', description: 'The answer parsed, when param `schema` is set' },
  ],
  params: Params,
  deterministic: (params) => params.temperature === 0,

  preflight(params, env) {
    const problems = providerProblems(params.provider, 'chat', params.model, env);
    const bad = params.schema && schemaProblem(params.schema);
    return bad ? [...problems, bad] : problems;
  },

  async run({ inputs, params, signal, context }) {
    const prompt = requireText(inputs.prompt, params.prompt, 'input `prompt`');
    const system = textOf(inputs.system, 'input `system`') ?? params.system;
    const images = imageUrls(inputs.images, 'input `images`');
    const content: ContentPart[] = [
      { type: 'text', text: prompt },
      ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
    ];
    const messages: ChatMessage[] = [
      ...(system ? [{ role: 'system' as const, content: system }] : []),
      { role: 'user', content: images.length ? content : prompt },
    ];
    const answer = await chat(
      params.provider,
      {
        model: modelFor(params.provider, 'chat', params.model),
        messages,
        temperature: params.temperature,
        ...(params.maxTokens === undefined ? {} : { maxTokens: params.maxTokens }),
        stop: params.stop,
        ...(params.schema ? { schema: params.schema } : {}),
        stream: params.stream,
      },
      { env: context.env, signal, onToken: (chunk) => context.stream('text', chunk) },
    );
    if (answer.usage) context.usage(answer.usage);
    if (answer.finishReason === 'length') {
      context.log('the answer was cut at the token limit (param `maxTokens`)');
    }
    const json = params.schema
      ? parseStructured(answer.text, params.schema, params.temperature > 0)
      : null;
    return { text: answer.text, json };
  },
};
