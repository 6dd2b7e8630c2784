import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOcr } from '../../nodes/image/ocr.ts';
import { OCR_IMAGE, QUICK_BROWN, ROOT, json, ocrPipeline, oneLine, testApp } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => (t = await testApp()));
afterAll(async () => {
  await t.close();
  await closeOcr();
});

/** The shipped example, as a user would send it. */
const example = readFileSync(path.join(ROOT, 'examples/ocr/pipeline.json'), 'utf8');

describe('OCR over HTTP', () => {
  it('reads the text of an image sent as a multipart file', async () => {
    const form = new FormData();
    form.set('pipeline', example);
    form.set('wait', 'true');
    form.set('image', new Blob([readFileSync(OCR_IMAGE)], { type: 'image/png' }), 'testocr.png');
    const res = await t.app.request('/api/runs', { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const run = await res.json();
    expect(run.status).toBe('succeeded');
    expect(oneLine(run.outputs.text)).toContain(QUICK_BROWN);
    expect(run.inputs.image).toMatchObject({ kind: 'image', mediaType: 'image/png', width: 640 });
  });

  it('reads the same text from a data URL, by saved pipeline id', async () => {
    await t.app.request('/api/pipelines/ocr', json(ocrPipeline, 'PUT'));
    const image = `data:image/png;base64,${readFileSync(OCR_IMAGE).toString('base64')}`;
    const res = await t.app.request(
      '/api/runs',
      json({ pipelineId: 'ocr', inputs: { image }, wait: true }),
    );
    expect(oneLine((await res.json()).outputs.text)).toContain(QUICK_BROWN);
  });
});
