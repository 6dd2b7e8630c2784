import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkPipeline } from '../../pipeline/check.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { Value } from '../../pipeline/values.ts';
import { imageFromBytes } from '../../nodes/image/sharp-image.ts';
import { registry } from '../../nodes/index.ts';
import { runPipeline } from '../../server/engine/index.ts';
import { asImage, TEST_HF_TOKEN, TEST_KEY, useProviderServers } from './helpers.ts';
import { sampleOf } from './servers/answers.ts';

const OFFLINE = ['analyze-text', 'detect-objects'];
const WITH_PROVIDER = ['describe-and-poem', 'generate-thumbnail', 'structured-product'];

const load = async (slug: string): Promise<PipelineFile> =>
  JSON.parse(await readFile(path.join('examples', slug, 'pipeline.json'), 'utf8'));

/** The sample files beside an example, read as `weft run --input name=@file` reads them. */
async function samples(slug: string): Promise<Record<string, Value>> {
  const inputs: Record<string, Value> = {};
  for (const file of await readdir(path.join('examples', slug))) {
    if (file === 'pipeline.json') continue;
    const bytes = await readFile(path.join('examples', slug, file));
    const name = path.parse(file).name;
    inputs[name] = file.endsWith('.txt') ? bytes.toString('utf8') : await imageFromBytes(bytes);
  }
  return inputs;
}

async function runExample(
  slug: string,
  env: Record<string, string> = {},
  edit?: (p: PipelineFile) => void,
) {
  const pipeline = await load(slug);
  edit?.(pipeline);
  const result = await runPipeline(pipeline, { registry, env, inputs: await samples(slug) });
  expect(result.error).toBeUndefined();
  expect(result.status).toBe('succeeded');
  return result.outputs;
}

const servers = useProviderServers();

const openaiEnv = () => ({
  OPENAI_API_KEY: TEST_KEY,
  OPENAI_BASE_URL: `${servers.openai.base()}/v1`,
});

describe('the model examples', () => {
  it.each([...OFFLINE, ...WITH_PROVIDER])(
    '%s passes the check, a provider configured',
    async (slug) => {
      const { problems } = checkPipeline(await load(slug), registry, { env: openaiEnv() });
      expect(problems).toEqual([]);
    },
  );

  it.each(OFFLINE)('%s needs no provider', async (slug) => {
    const { problems } = checkPipeline(await load(slug), registry, { env: {} });
    expect(problems).toEqual([]);
  });

  it.each(WITH_PROVIDER)(
    '%s says which variable to set when no provider is configured',
    async (slug) => {
      const { problems } = checkPipeline(await load(slug), registry, { env: {} });
      expect(problems[0]?.message).toMatch(/provider `openai` needs OPENAI_API_KEY/);
    },
  );

  it.each([...OFFLINE, ...WITH_PROVIDER])(
    '%s is explained in examples/MODELS.md with its command',
    async (slug) => {
      const doc = await readFile('examples/MODELS.md', 'utf8');
      expect(doc).toContain(`weft run examples/${slug}/pipeline.json`);
    },
  );

  it('detect-objects finds the three people of its photo and draws them', async () => {
    const outputs = await runExample('detect-objects');
    expect(
      (outputs.objects as { label: string }[]).filter((o) => o.label === 'person'),
    ).toHaveLength(3);
    expect(outputs.faces as unknown[]).toHaveLength(3);
    expect(outputs.summary).toMatch(/^3 persons/);
    expect(asImage(outputs.annotated).width).toBe(1920);
  });

  it('analyze-text reads the sentiment, dates and amounts of its review, in English', async () => {
    const outputs = await runExample('analyze-text');
    const analysis = outputs.analysis as any;
    expect(analysis.mood).toBe('positive');
    const money = analysis.entities.filter((e: any) => e.type === 'money');
    expect(money.map((e: any) => [e.amount, e.currency])).toEqual([
      [450, 'USD'],
      [30, 'EUR'],
    ]);
    expect(
      analysis.entities.filter((e: any) => e.type === 'date').map((e: any) => e.value),
    ).toEqual(['12 March 2024', 'March 15']);
    expect(outputs.language).toBe('English');
  });

  it('describe-and-poem turns the description into the poem prompt (OpenAI)', async () => {
    const outputs = await runExample('describe-and-poem', openaiEnv());
    expect(outputs.description).toMatch(/^Echo: Describe this photo.*\[1 image\]$/);
    expect(outputs.poem).toMatch(/^Echo: Echo: Describe this photo.*\(told: You write short poems/);
  });

  it('generate-thumbnail keeps the image and a 256-pixel WebP of it (OpenAI)', async () => {
    const outputs = await runExample('generate-thumbnail', openaiEnv());
    expect([asImage(outputs.image).width, asImage(outputs.image).height]).toEqual([1024, 1024]);
    const thumbnail = await sharp(asImage(outputs.thumbnail).data).metadata();
    expect([thumbnail.format, thumbnail.width]).toEqual(['webp', 256]);
  });

  it('structured-product answers with JSON that fits its schema (OpenAI)', async () => {
    const pipeline = await load('structured-product');
    const schema = pipeline.nodes.find((n) => n.id === 'extract')!.params.schema;
    const outputs = await runExample('structured-product', openaiEnv());
    expect(outputs.product).toEqual(sampleOf(schema));
    expect(servers.openai.received.at(-1)!.json.messages[1].content).toContain('TrailRunner 3');
  });

  it('run on Hugging Face endpoints with the edits examples/MODELS.md gives', async () => {
    // The token goes to a model URL only on Hugging Face's servers or HF_ENDPOINT_URL's: this
    // test server stands in for an Inference Endpoint, so it is named there.
    const env = { HF_TOKEN: TEST_HF_TOKEN, HF_ENDPOINT_URL: `${servers.hf.base()}/chat` };
    const onHf = (url: string) => (p: PipelineFile) => {
      for (const node of p.nodes) {
        if (node.type.startsWith('model.'))
          Object.assign(node.params, { provider: 'huggingface', model: url });
      }
    };
    const poem = await runExample('describe-and-poem', env, onHf(`${servers.hf.base()}/chat`));
    expect(poem.poem).toMatch(/^Echo: Echo: Describe this photo/);
    const thumb = await runExample('generate-thumbnail', env, onHf(`${servers.hf.base()}/t2i`));
    expect(asImage(thumb.image).mediaType).toBe('image/jpeg');
    const product = await runExample('structured-product', env, onHf(`${servers.hf.base()}/chat`));
    expect(product.product).toMatchObject({ category: 'footwear', inStock: true });
  });
});
