import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectNode } from '../../../nodes/image/detect.ts';
import { imageFromBytes } from '../../../nodes/image/sharp-image.ts';
import { asImage, runWithEnv } from '../../model/helpers.ts';

const photo = async (file: string) => imageFromBytes(new Uint8Array(await readFile(file)));
const people = () => photo('tests/fixtures/people.jpg');
// The landscape fixture (examples/thumbnails keeps the repo's copy): no COCO class fits it.
const landscape = () => photo('examples/thumbnails/photo.jpg');

type Found = {
  label?: string;
  score: number;
  box: { x: number; y: number; width: number; height: number };
};

describe('image.detect (offline, human on WebAssembly)', () => {
  it('finds the three people and their faces in a group photo', async () => {
    const { outputs } = await runWithEnv(detectNode, {}, { image: await people() }, {});
    const objects = outputs.objects as Found[];
    const persons = objects.filter((o) => o.label === 'person');
    expect(persons).toHaveLength(3);
    expect((outputs.faces as Found[]).length).toBe(3);
    for (const { box, score } of persons) {
      expect(score).toBeGreaterThanOrEqual(0.3);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1921);
      expect(box.height).toBeGreaterThan(600);
    }
    expect(outputs.summary).toMatch(/^3 persons.*; 3 faces$/);
  });

  it('draws the boxes on a copy of the photo of the same size', async () => {
    const input = await people();
    const { outputs } = await runWithEnv(detectNode, {}, { image: input }, {});
    const drawn = asImage(outputs.image);
    expect([drawn.width, drawn.height, drawn.mediaType]).toEqual([1920, 1280, 'image/jpeg']);
    // Pixels on the left edge of the first person's box changed; the photo's corner did not.
    const person = (outputs.objects as Found[])[0]!;
    const at = async (image: Uint8Array, x: number, y: number) => [
      ...(await sharp(image).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer()),
    ];
    const [x, y] = [person.box.x + 1, person.box.y + Math.round(person.box.height / 2)];
    expect(await at(drawn.data, x, y)).not.toEqual(await at(input.data, x, y));
    const before = await at(input.data, 5, 1275);
    const after = await at(drawn.data, 5, 1275);
    expect(Math.max(...before.map((v, i) => Math.abs(v - after[i]!)))).toBeLessThan(12);
  });

  it('finds nothing in a landscape with no people or objects it knows', async () => {
    const { outputs } = await runWithEnv(detectNode, {}, { image: await landscape() }, {});
    expect(outputs.objects).toEqual([]);
    expect(outputs.faces).toEqual([]);
    expect(outputs.summary).toBe('no objects it knows');
  });

  it('leaves out faces when asked, and keeps only what it is sure of', async () => {
    const { outputs } = await runWithEnv(
      detectNode,
      {},
      { image: await people() },
      { faces: false, minScore: 0.6 },
    );
    expect(outputs.faces).toEqual([]);
    expect((outputs.objects as Found[]).every((o) => o.score >= 0.6)).toBe(true);
  });

  it('refuses a missing image, naming the node type', async () => {
    await expect(runWithEnv(detectNode, {}, {}, {})).rejects.toThrow(
      /image\.detect: input `image`/,
    );
  });
});
