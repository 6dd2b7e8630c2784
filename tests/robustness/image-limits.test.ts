import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { PHOTO, json, testApp } from '../server/helpers.ts';

/**
 * Images are where a small request can ask for a great deal of memory and time: a header that
 * claims 50,000 × 50,000 pixels, or a resize of a thin strip to a great width. Each must be
 * refused at once, saying how big the image is and what the limit is.
 */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => (t = await testApp()));
afterAll(async () => t.close());

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A grey PNG of the given size; with `rows` it holds only that many rows (a header-only bomb). */
function png(width: number, height: number, rows = height): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const pixels = deflateSync(Buffer.alloc((width + 1) * rows));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const at = { x: 0, y: 0 };

/** image input `photo` -> resize with `params` -> output `out`. */
function resize(params: Record<string, unknown>): PipelineFile {
  return {
    version: 1,
    name: 'Resize',
    nodes: [
      { id: 'photo', type: 'image.input', position: at, params: { name: 'photo' } },
      { id: 'big', type: 'image.resize', position: at, params },
      { id: 'out', type: 'output.image', position: at, params: { name: 'out' } },
    ],
    edges: [
      { id: 'e1', source: 'photo', sourcePort: 'image', target: 'big', targetPort: 'image' },
      { id: 'e2', source: 'big', sourcePort: 'image', target: 'out', targetPort: 'value' },
    ],
  };
}

const dataUrl = (bytes: Buffer, type = 'image/png') =>
  `data:${type};base64,${bytes.toString('base64')}`;

async function run(pipeline: PipelineFile, photo: string) {
  const body = { pipeline, inputs: { photo }, wait: true };
  const res = await t.app.request('/api/runs', json(body));
  return { status: res.status, body: (await res.json()) as any };
}

describe('images too big to hold', () => {
  it('refuses an upload whose header claims 50,000 × 50,000 pixels, saying so', async () => {
    const bomb = png(50_000, 50_000, 1).subarray(0, 60);
    const form = new FormData();
    form.set('pipeline', JSON.stringify(resize({ width: 64 })));
    form.set('photo', new Blob([new Uint8Array(bomb)]), 'bomb.png');
    form.set('wait', 'true');
    const res = await t.app.request('/api/runs', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as any;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/input `photo`.*50000×50000 pixels.*limit/);
  });

  it('refuses a resize of a thin strip to a width whose height would be enormous', async () => {
    const started = performance.now();
    const { body } = await run(resize({ mode: 'width', width: 16_384 }), dataUrl(png(1, 20_000)));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(body.status).toBe('failed');
    expect(body.error.nodeId).toBe('big');
    expect(body.error.message).toMatch(/image\.resize.*16384×327680000 pixels.*limit/);
  });

  it('refuses a box resize whose result no later node could open', async () => {
    const photo = dataUrl(readFileSync(PHOTO), 'image/jpeg');
    const params = { mode: 'box', width: 16_384, height: 16_384, fit: 'fill' };
    const started = performance.now();
    const { body } = await run(resize(params), photo);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(body.status).toBe('failed');
    expect(body.error.message).toMatch(/16384×16384 pixels.*limit/);
  });

  it('refuses a rotation whose wider canvas would be over the limit', async () => {
    const pipeline = resize({});
    const rotate = pipeline.nodes[1] as { type: string; params: Record<string, unknown> };
    rotate.type = 'image.rotate';
    rotate.params = { angle: 45 };
    const started = performance.now();
    // A 1×24000 strip turned by 45° needs a canvas of about 16971 × 16971.
    const { body } = await run(pipeline, dataUrl(png(1, 24_000)));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(body.status).toBe('failed');
    expect(body.error.message).toMatch(/image\.rotate.*16971×16971 pixels.*limit/);
  });

  it('still resizes within the limit', async () => {
    const photo = dataUrl(readFileSync(PHOTO), 'image/jpeg');
    const { body } = await run(resize({ mode: 'width', width: 1200 }), photo);
    expect(body.status).toBe('succeeded');
    expect(body.outputs.out).toMatchObject({ width: 1200, height: 900 });
  });

  it('reads the type of a data URL that lies about it from the bytes', async () => {
    const photo = dataUrl(readFileSync(PHOTO), 'image/png');
    const { body } = await run(resize({ mode: 'width', width: 60 }), photo);
    expect(body.inputs.photo).toMatchObject({ mediaType: 'image/jpeg', width: 600 });
  });
});
