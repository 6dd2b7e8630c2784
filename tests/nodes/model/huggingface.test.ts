import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatNode } from '../../../nodes/model/chat.ts';
import { classifyImageNode } from '../../../nodes/model/classify-image.ts';
import { describeImageNode } from '../../../nodes/model/describe-image.ts';
import { embedNode } from '../../../nodes/model/embed.ts';
import { generateImageNode } from '../../../nodes/model/generate-image.ts';
import { asImage, runWithEnv, TEST_HF_TOKEN } from '../../model/helpers.ts';
import { smallPng } from '../../model/fixtures.ts';
import { vectorOf } from '../../model/servers/answers.ts';
import type { TestServer } from '../../model/servers/http.ts';
import { startHuggingFaceServer } from '../../model/servers/huggingface.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startHuggingFaceServer(TEST_HF_TOKEN);
});
afterAll(() => server.close());
beforeEach(() => server.resetCounts());

/** A dedicated endpoint for one task, set in the environment as a deployment would. */
const env = (task: string) => ({
  HF_TOKEN: TEST_HF_TOKEN,
  HF_ENDPOINT_URL: `${server.base()}/${task}`,
});
const last = () => server.received.at(-1)!;
const hf = { provider: 'huggingface' };

describe('model nodes on a Hugging Face endpoint, through @huggingface/inference', () => {
  it('model.chat streams tokens from a TGI Messages API endpoint', async () => {
    const { outputs, reports } = await runWithEnv(
      chatNode,
      env('chat'),
      {},
      { ...hf, prompt: 'hi there' },
    );
    expect(outputs.text).toBe('Echo: hi there');
    expect(reports.chunks.map((c) => c.chunk).join('')).toBe('Echo: hi there');
    expect(last().path).toBe('/s/ok/chat/v1/chat/completions');
    expect(last().authorization).toBe(`Bearer ${TEST_HF_TOKEN}`);
    expect(last().json).toMatchObject({
      stream: true,
      messages: [{ role: 'user', content: 'hi there' }],
    });
  });

  it('model.chat answers without streaming and reports usage', async () => {
    const { outputs, reports } = await runWithEnv(
      chatNode,
      env('chat'),
      {},
      { ...hf, prompt: 'one two three', stream: false, maxTokens: 20 },
    );
    expect(outputs.text).toBe('Echo: one two three');
    expect(reports.usage[0]).toMatchObject({ outputTokens: 4 });
    expect(last().json).toMatchObject({ max_tokens: 20 });
    expect(last().json.stream).not.toBe(true);
  });

  it('takes a model param that is an endpoint URL over HF_ENDPOINT_URL', async () => {
    const { outputs } = await runWithEnv(
      chatNode,
      { HF_ENDPOINT_URL: `${server.base()}/nowhere`, HF_TOKEN: TEST_HF_TOKEN },
      {},
      { ...hf, model: `${server.base()}/chat/v1`, prompt: 'via model', stream: false },
    );
    expect(outputs.text).toBe('Echo: via model');
    expect(last().path).toBe('/s/ok/chat/v1/chat/completions');
  });

  it('model.describe-image asks a vision chat model with the image inline', async () => {
    const { outputs } = await runWithEnv(
      describeImageNode,
      env('chat'),
      { image: await smallPng() },
      { ...hf, question: 'What is shown?' },
    );
    expect(outputs.text).toBe('Echo: What is shown? [1 image]');
  });

  it('model.describe-image captions with an image-to-text endpoint, sending the image bytes', async () => {
    const { outputs } = await runWithEnv(
      describeImageNode,
      env('caption'),
      { image: await smallPng(40, 30) },
      { ...hf, mode: 'caption' },
    );
    expect(outputs.text).toBe('a 40x30 png picture');
    expect(last().contentType).toBe('image/png');
    expect((await sharp(last().body).metadata()).width).toBe(40);
  });

  it('model.generate-image makes one request per image and decodes each', async () => {
    const { outputs } = await runWithEnv(
      generateImageNode,
      env('t2i'),
      {},
      { ...hf, prompt: 'a lighthouse', size: '96x64', count: 2 },
    );
    const image = asImage(outputs.image);
    expect([image.width, image.height, image.mediaType]).toEqual([96, 64, 'image/jpeg']);
    expect(outputs.images as string[]).toHaveLength(2);
    expect(server.received.filter((r) => r.path === '/s/ok/t2i')).toHaveLength(2);
    expect(last().json).toEqual({ inputs: 'a lighthouse', parameters: { width: 96, height: 64 } });
  });

  it('model.classify-image ranks the classifier labels and keeps the top K', async () => {
    const { outputs } = await runWithEnv(
      classifyImageNode,
      env('classify'),
      { image: await smallPng(80, 40) },
      { topK: 2 },
    );
    expect(outputs.labels).toEqual([
      { label: 'landscape orientation', score: 0.9 },
      { label: 'tabby cat', score: 0.07 },
    ]);
    expect(outputs.top).toBe('landscape orientation');
  });

  it('model.classify-image does zero-shot classification among given labels', async () => {
    const { outputs } = await runWithEnv(
      classifyImageNode,
      env('classify'),
      { image: await smallPng() },
      { labels: ['dog', 'cat', 'car'] },
    );
    expect(outputs.labels).toEqual([
      { label: 'dog', score: 0.3 },
      { label: 'cat', score: 0.2 },
      { label: 'car', score: 0.1 },
    ]);
    expect(last().json.parameters).toEqual({ candidate_labels: ['dog', 'cat', 'car'] });
  });

  it('model.embed extracts one pooled vector per text', async () => {
    const { outputs } = await runWithEnv(embedNode, env('embed'), { text: ['a', 'b c'] }, hf);
    expect(outputs.vector).toEqual([vectorOf('a'), vectorOf('b c')]);
    expect(last().json).toEqual({ inputs: ['a', 'b c'] });
  });
});
