import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { PHOTO, json, testApp } from '../server/helpers.ts';

/**
 * Node ids are any text up to 128 characters and output names may start with `_`; each image
 * a run makes is saved as a file named after them. Whatever the id, the run must finish, be
 * recorded, and serve its images.
 */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => (t = await testApp()));
afterAll(async () => t.close());

const at = { x: 0, y: 0 };

/** image input -> resize (node `id`) -> output image `name`. */
function thumb(id: string, name: string): PipelineFile {
  return {
    version: 1,
    name: 'Thumb',
    nodes: [
      { id: 'photo', type: 'image.input', position: at, params: { name: 'photo' } },
      { id, type: 'image.resize', position: at, params: { width: 32 } },
      { id: 'out', type: 'output.image', position: at, params: { name } },
    ],
    edges: [
      { id: 'e1', source: 'photo', sourcePort: 'image', target: id, targetPort: 'image' },
      { id: 'e2', source: id, sourcePort: 'image', target: 'out', targetPort: 'value' },
    ],
  };
}

const photo = `data:image/jpeg;base64,${readFileSync(PHOTO).toString('base64')}`;

describe('artifacts of nodes with unusual ids', () => {
  it.each([
    ['_small', 'thumb'],
    ['-small', 'thumb'],
    ['é', 'thumb'],
    ['small', '_thumb'],
    ['x'.repeat(128), 'thumb'],
  ])('node %s with output %s: the run is recorded and its images served', async (id, name) => {
    const res = await t.app.request(
      '/api/runs',
      json({ pipeline: thumb(id, name), inputs: { photo }, wait: true }),
    );
    const run = (await res.json()) as any;
    expect(run.status).toBe('succeeded');
    expect(run.nodes[id].status).toBe('succeeded');

    for (const url of [run.outputs[name].url, run.nodes[id].outputs.image.url]) {
      const image = await t.app.request(url);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/jpeg');
    }
  });
});
