import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageValue } from '../../../pipeline/values.ts';
import { blurNode } from '../../../nodes/image/blur.ts';
import { convertNode } from '../../../nodes/image/convert.ts';
import { cropNode } from '../../../nodes/image/crop.ts';
import { grayscaleNode } from '../../../nodes/image/grayscale.ts';
import { inputNode } from '../../../nodes/image/input.ts';
import { resizeNode } from '../../../nodes/image/resize.ts';
import { rotateNode } from '../../../nodes/image/rotate.ts';
import { imageFromBytes } from '../../../nodes/image/sharp-image.ts';
import { asImage, exampleImage, runNode } from '../harness.ts';

/** The 600×450 landscape photo of the thumbnails example. */
let photo: ImageValue;

beforeAll(async () => {
  photo = await exampleImage('examples/thumbnails/photo.jpg');
});

/** The RGB of one pixel of an image value. */
async function pixel(image: ImageValue, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image.data).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + Math.min(3, info.channels))];
}

/** A 300×200 JPEG, red on its left half and blue on its right, with an EXIF orientation. */
async function orientedJpeg(orientation: number): Promise<ImageValue> {
  const half = { width: 150, height: 200, channels: 3 as const };
  const bytes = await sharp({ create: { ...half, background: '#ff0000' } })
    .extend({ right: 150, background: '#0000ff' })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation })
    .toBuffer();
  return imageFromBytes(bytes);
}

describe('image.input', () => {
  it('reads size and type from the bytes, not from what the client claimed', async () => {
    const claimed = { ...photo, width: 1, height: 1, mediaType: 'image/png' };
    const image = asImage((await runNode(inputNode, { value: claimed })).image);
    expect([image.width, image.height, image.mediaType]).toEqual([600, 450, 'image/jpeg']);
  });

  it('takes a base64 data URL, as a browser sends it', async () => {
    const url = `data:image/jpeg;base64,${Buffer.from(photo.data).toString('base64')}`;
    const image = asImage((await runNode(inputNode, { value: url })).image);
    expect([image.width, image.height]).toEqual([600, 450]);
  });

  it.each([
    ['a text', 'not an image'],
    ['bytes that are no image', { ...photo, data: new Uint8Array([1, 2, 3]) }],
  ])('refuses %s, naming the input', async (_case, value) => {
    await expect(runNode(inputNode, { value }, { name: 'scan' })).rejects.toThrow(
      /image\.input `scan`/,
    );
  });
});

describe('image.resize', () => {
  it.each<[string, Record<string, unknown>, [number, number]]>([
    ['a width, keeping the ratio', { width: 256 }, [256, 192]],
    ['a height, keeping the ratio', { mode: 'height', height: 225 }, [300, 225]],
    ['inside a box', { mode: 'box', width: 100, height: 100 }, [100, 75]],
    ['to cover a box', { mode: 'box', width: 100, height: 100, fit: 'cover' }, [100, 100]],
    ['by a factor of 2', { mode: 'scale', scale: 2 }, [1200, 900]],
    ['by a factor of 0.5', { mode: 'scale', scale: 0.5 }, [300, 225]],
  ])('resizes to %s', async (_case, params, [width, height]) => {
    const image = asImage((await runNode(resizeNode, { image: photo }, params)).image);
    expect([image.width, image.height]).toEqual([width, height]);
    expect((await sharp(image.data).metadata()).width).toBe(width);
    expect(image.mediaType).toBe('image/jpeg');
  });

  it('refuses a text on its image input, naming node and port', async () => {
    await expect(runNode(resizeNode, { image: 'photo.jpg' })).rejects.toThrow(
      'image.resize: input `image` needs an image, got a string',
    );
  });

  it('stops before working when the run is already cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(runNode(resizeNode, { image: photo }, {}, controller.signal)).rejects.toThrow(
      'cancelled by the user',
    );
  });
});

describe('image.crop', () => {
  it.each<[string, Record<string, unknown>, [number, number]]>([
    ['a box inside the image', { left: 10, top: 20, width: 100, height: 50 }, [100, 50]],
    ['a box past the right edge, clipped', { left: 550, top: 0, width: 256 }, [50, 256]],
    ['a box past the bottom edge, clipped', { left: 0, top: 400, height: 256 }, [256, 50]],
  ])('keeps %s', async (_case, params, [width, height]) => {
    const image = asImage((await runNode(cropNode, { image: photo }, params)).image);
    expect([image.width, image.height]).toEqual([width, height]);
  });

  it('says how to fix a box that starts outside the image', async () => {
    await expect(runNode(cropNode, { image: photo }, { left: 600 })).rejects.toThrow(
      'image.crop: the box starts at 600,0, outside the 600×450 image; make left below 600',
    );
  });
});

describe('image.rotate', () => {
  it.each<[number, [number, number]]>([
    [90, [450, 600]],
    [-90, [450, 600]],
    [180, [600, 450]],
    [360, [600, 450]],
  ])('rotates by %i degrees', async (angle, [width, height]) => {
    const image = asImage((await runNode(rotateNode, { image: photo }, { angle })).image);
    expect([image.width, image.height]).toEqual([width, height]);
  });

  it('widens the canvas for an odd angle and fills the corners with the background', async () => {
    const params = { angle: 45, background: '#00ff00' };
    const image = asImage((await runNode(rotateNode, { image: photo }, params)).image);
    expect(image.width).toBeGreaterThan(700);
    const [r, g, b] = await pixel(image, 0, 0);
    expect(g).toBeGreaterThan(200);
    expect((r ?? 0) + (b ?? 0)).toBeLessThan(80);
  });

  it('turns an EXIF orientation 6 photo upright: 300×200 stored becomes 200×300', async () => {
    const stored = await orientedJpeg(6);
    expect([stored.width, stored.height]).toEqual([300, 200]);

    const upright = asImage((await runNode(rotateNode, { image: stored })).image);
    expect([upright.width, upright.height]).toEqual([200, 300]);
    // Orientation 6 means "turn 90° clockwise to view", so the red left half ends on top.
    const [r, , b] = await pixel(upright, 100, 20);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
    // The result carries no orientation tag any more, so a viewer will not turn it again.
    expect((await sharp(upright.data).metadata()).orientation).toBeUndefined();
  });

  it('leaves the stored pixels alone when auto-orient is off', async () => {
    const stored = await orientedJpeg(6);
    const params = { autoOrient: false, angle: 0 };
    const image = asImage((await runNode(rotateNode, { image: stored }, params)).image);
    expect([image.width, image.height]).toEqual([300, 200]);
  });

  it('auto-orients first, then adds the angle', async () => {
    const stored = await orientedJpeg(6);
    const image = asImage((await runNode(rotateNode, { image: stored }, { angle: 90 })).image);
    expect([image.width, image.height]).toEqual([300, 200]);
    const [r, , b] = await pixel(image, 280, 100);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
  });
});

describe('image.grayscale', () => {
  it('writes one gray channel and keeps format and size', async () => {
    const image = asImage((await runNode(grayscaleNode, { image: photo })).image);
    expect([image.width, image.height, image.mediaType]).toEqual([600, 450, 'image/jpeg']);
    const metadata = await sharp(image.data).metadata();
    expect([metadata.channels, metadata.space]).toEqual([1, 'b-w']);
  });

  it('turns a red pixel into the gray of its brightness', async () => {
    const red = await imageFromBytes(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#ff0000' } })
        .png()
        .toBuffer(),
    );
    const image = asImage((await runNode(grayscaleNode, { image: red })).image);
    const [gray] = await pixel(image, 1, 1);
    // Red carries about a fifth of the light, which is mid-gray once gamma is applied.
    expect(gray).toBeGreaterThan(100);
    expect(gray).toBeLessThan(150);
  });
});

describe('a gray image', () => {
  it('stays one gray channel through the nodes after image.grayscale', async () => {
    const gray = asImage((await runNode(grayscaleNode, { image: photo })).image);
    const resized = asImage((await runNode(resizeNode, { image: gray }, { width: 100 })).image);
    const jpeg = asImage(
      (await runNode(convertNode, { image: resized }, { format: 'jpeg' })).image,
    );
    const metadata = await sharp(jpeg.data).metadata();
    expect([metadata.width, metadata.channels, metadata.space]).toEqual([100, 1, 'b-w']);
  });
});

describe('image.blur', () => {
  it('makes the photo less sharp, more so with more strength', async () => {
    const sharpness = async (sigma: number) => {
      const image = asImage((await runNode(blurNode, { image: photo }, { sigma })).image);
      return (await sharp(image.data).stats()).sharpness;
    };
    const original = (await sharp(photo.data).stats()).sharpness;
    const light = await sharpness(1);
    const heavy = await sharpness(8);
    expect(light).toBeLessThan(original);
    expect(heavy).toBeLessThan(light);
  });
});

describe('image.convert', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
  ])('writes %s bytes', async (format, mediaType) => {
    const image = asImage((await runNode(convertNode, { image: photo }, { format })).image);
    expect(image.mediaType).toBe(mediaType);
    const metadata = await sharp(image.data).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual([format, 600, 450]);
  });

  it('writes a WebP that starts with the RIFF…WEBP signature', async () => {
    const image = asImage((await runNode(convertNode, { image: photo }, { format: 'webp' })).image);
    const bytes = Buffer.from(image.data);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it.each(['jpeg', 'webp'])('makes smaller %s files at a lower quality', async (format) => {
    const size = async (quality: number) =>
      asImage((await runNode(convertNode, { image: photo }, { format, quality })).image).data
        .byteLength;
    expect(await size(20)).toBeLessThan((await size(95)) * 0.6);
  });

  it('fills transparency with the background when writing JPEG', async () => {
    const clear = await sharp({
      create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const image = await imageFromBytes(clear);
    const jpeg = asImage((await runNode(convertNode, { image }, { format: 'jpeg' })).image);
    expect(await pixel(jpeg, 4, 4)).toEqual([255, 255, 255]);
  });
});
