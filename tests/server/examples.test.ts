import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeOcr } from '../../nodes/image/ocr.ts';
import {
  OCR_IMAGE,
  QUICK_BROWN,
  ROOT,
  json,
  ocrPipeline,
  oneLine,
  tempDir,
  testApp,
} from './helpers.ts';

/** An examples folder like the project's: `ocr/pipeline.json` with `image.png` beside it. */
function examplesFolder(): string {
  const dir = tempDir('weft-examples-');
  mkdirSync(path.join(dir, 'ocr'));
  writeFileSync(path.join(dir, 'ocr', 'pipeline.json'), JSON.stringify(ocrPipeline, null, 2));
  copyFileSync(OCR_IMAGE, path.join(dir, 'ocr', 'image.png'));
  writeFileSync(path.join(dir, 'ocr', 'NOTES.md'), 'not an input');
  mkdirSync(path.join(dir, 'broken'));
  writeFileSync(path.join(dir, 'broken', 'pipeline.json'), '{ not json');
  return dir;
}

afterAll(() => closeOcr());

/** Examples whose model nodes need OpenAI or Hugging Face; tests/model runs them on test servers. */
const NEEDS_PROVIDER = [
  'example-describe-and-poem',
  'example-generate-thumbnail',
  'example-structured-product',
];

describe('examples', () => {
  const examplesDir = examplesFolder();

  it('seeds each example once as example-<slug>, with its sample inputs', async () => {
    const dataDir = tempDir();
    const t = await testApp({ dataDir, examplesDir });
    const examples = await (await t.app.request('/api/examples')).json();
    expect(examples).toEqual([
      expect.objectContaining({
        slug: 'ocr',
        id: 'example-ocr',
        name: 'OCR',
        samples: [
          expect.objectContaining({
            input: 'image',
            file: 'image.png',
            mediaType: 'image/png',
            url: '/api/pipelines/example-ocr/samples/image.png',
          }),
        ],
      }),
    ]);
    const saved = await (await t.app.request('/api/pipelines/example-ocr')).json();
    expect(saved.pipeline).toEqual(ocrPipeline);

    const sample = await t.app.request('/api/pipelines/example-ocr/samples/image.png');
    expect(sample.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await sample.arrayBuffer()).equals(readFileSync(OCR_IMAGE))).toBe(true);
    const listed = await (await t.app.request('/api/pipelines/example-ocr/samples')).json();
    expect(listed.map((s: { input: string }) => s.input)).toEqual(['image']);

    // Deleted by the user: a restart must not bring it back.
    await t.app.request('/api/pipelines/example-ocr', { method: 'DELETE' });
    await t.close();
    const again = await testApp({ dataDir, examplesDir });
    expect((await again.app.request('/api/pipelines/example-ocr')).status).toBe(404);
    await again.close();
  });

  it('runs every shipped example on its sample inputs', async () => {
    const t = await testApp({ examplesDir: path.join(ROOT, 'examples') });
    const examples = await (await t.app.request('/api/examples')).json();
    expect(examples.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining(['example-ocr', 'example-thumbnails', 'example-bank-statement']),
    );
    for (const { id, samples } of examples) {
      expect(samples.length).toBeGreaterThan(0);
      const res = await t.app.request(
        '/api/runs',
        json({ pipelineId: id, useSamples: true, wait: true }),
      );
      const run = await res.json();
      if (NEEDS_PROVIDER.includes(id)) {
        // No provider is configured here: the check refuses the run and names what to set.
        expect({ id, status: res.status }).toEqual({ id, status: 422 });
        expect(JSON.stringify(run.error)).toMatch(/OPENAI_API_KEY|HF_TOKEN/);
        continue;
      }
      expect({ id, status: run.status }).toEqual({ id, status: 'succeeded' });
    }
    await t.close();
  });

  it('runs an example on its sample inputs', async () => {
    const t = await testApp({ examplesDir });
    const res = await t.app.request(
      '/api/runs',
      json({ pipelineId: 'example-ocr', useSamples: true, wait: true }),
    );
    const run = await res.json();
    expect(run.status).toBe('succeeded');
    expect(oneLine(run.outputs.text)).toContain(QUICK_BROWN);
    await t.close();
  });
});
