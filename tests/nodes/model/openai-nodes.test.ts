import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyImageNode } from '../../../nodes/model/classify-image.ts';
import { describeImageNode } from '../../../nodes/model/describe-image.ts';
import { embedNode } from '../../../nodes/model/embed.ts';
import { generateImageNode } from '../../../nodes/model/generate-image.ts';
import { asImage, runWithEnv, TEST_KEY } from '../../model/helpers.ts';
import { smallPng } from '../../model/fixtures.ts';
import { vectorOf } from '../../model/servers/answers.ts';
import type { TestServer } from '../../model/servers/http.ts';
import { startOpenAIServer } from '../../model/servers/openai.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startOpenAIServer(TEST_KEY);
});
afterAll(() => server.close());
beforeEach(() => server.resetCounts());

const env = () => ({ OPENAI_API_KEY: TEST_KEY, OPENAI_BASE_URL: `${server.base()}/v1` });
const last = () => server.received.at(-1)!;

describe('model nodes on an OpenAI-compatible server', () => {
  it('model.generate-image decodes every image it asked for', async () => {
    const { outputs } = await runWithEnv(
      generateImageNode,
      env(),
      { prompt: 'a red barn at dusk' },
      { model: 'gpt-image-test', size: '256x128', count: 2 },
    );
    const first = asImage(outputs.image);
    expect([first.width, first.height, first.mediaType]).toEqual([256, 128, 'image/png']);
    const images = outputs.images as string[];
    expect(images).toHaveLength(2);
    expect(images[1]).toMatch(/^data:image\/png;base64,/);
    expect(last().json).toEqual({
      model: 'gpt-image-test',
      prompt: 'a red barn at dusk',
      n: 2,
      size: '256x128',
    });
  });

  it('model.describe-image streams the answer of a vision model about the image', async () => {
    const { outputs, reports } = await runWithEnv(
      describeImageNode,
      env(),
      { image: await smallPng() },
      { model: 'test-vision', question: 'What colour is it?' },
    );
    expect(outputs.text).toBe('Echo: What colour is it? [1 image]');
    expect(reports.chunks.map((c) => c.chunk).join('')).toBe(outputs.text);
    const [part] = last().json.messages[0].content.slice(1);
    const sent = Buffer.from(part.image_url.url.split(',')[1], 'base64');
    expect((await sharp(sent).metadata()).width).toBe(64);
  });

  it('model.embed gives one vector per text, in order, and reports usage', async () => {
    const { outputs, reports } = await runWithEnv(
      embedNode,
      env(),
      { text: ['first text', 'second text'] },
      { model: 'test-embed', dimensions: 8 },
    );
    expect(outputs.vector).toEqual([vectorOf('first text'), vectorOf('second text')]);
    expect(outputs.dimensions).toBe(8);
    expect(reports.usage).toEqual([{ inputTokens: 4 }]);
    expect(last().json).toMatchObject({ dimensions: 8, encoding_format: 'float' });
  });

  it('model.embed gives a single vector for a single text', async () => {
    const { outputs } = await runWithEnv(
      embedNode,
      env(),
      { text: 'alone' },
      { model: 'test-embed' },
    );
    expect(outputs.vector).toEqual(vectorOf('alone'));
  });

  it('model.classify-image scores the given labels through a vision model, best first', async () => {
    const { outputs } = await runWithEnv(
      classifyImageNode,
      env(),
      { image: await smallPng() },
      { provider: 'openai', model: 'test-vision', labels: ['sky', 'sea'] },
    );
    // The server answers the smallest value that fits the schema: the first label, score 1.5.
    expect(outputs.labels).toEqual([{ label: 'sky', score: 1.5 }]);
    expect(outputs.top).toBe('sky');
    const format = last().json.response_format.json_schema.schema;
    expect(format.properties.scores.items.properties.label.enum).toEqual(['sky', 'sea']);
  });

  it('refuses classification with provider openai and no labels before it runs', () => {
    const params = classifyImageNode.params.parse({ provider: 'openai' });
    expect(classifyImageNode.preflight!(params, env())).toEqual([
      'provider `openai` classifies only among given labels: set param `labels`',
    ]);
  });
});
