import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageValue } from '../../../pipeline/values.ts';
import { closeOcr, ocrNode } from '../../../nodes/image/ocr.ts';
import { exampleImage, runNode, runNodeReporting } from '../harness.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Word {
  text: string;
  confidence: number;
  box: Box;
}
interface Result {
  confidence: number;
  lines: { text: string; confidence: number; box: Box; words: Word[] }[];
}

const PHRASE = 'The quick brown dog jumped over the lazy fox.';

/** The text as a person reads it: line breaks are only where the page ran out of width. */
const flowing = (text: unknown) => String(text).replace(/\s+/g, ' ');

let page: ImageValue;

beforeAll(async () => {
  page = await exampleImage('examples/ocr/image.png');
});

afterAll(async () => {
  await closeOcr();
});

describe('image.ocr', () => {
  it('reads the 12-point test page word for word', async () => {
    const { outputs, reports } = await runNodeReporting(ocrNode, { image: page });
    const { text } = outputs;
    expect(typeof text).toBe('string');
    const lines = String(text).split('\n');
    expect(lines[0]).toBe('This is a lot of 12 point text to test the');
    expect(flowing(text).split(PHRASE)).toHaveLength(5);
    expect(reports.progress.at(-1)?.fraction).toBe(1);
  });

  it('gives lines and words with confidence and boxes inside the image', async () => {
    const { result } = await runNode(ocrNode, { image: page });
    const { confidence, lines } = result as unknown as Result;
    expect(confidence).toBeGreaterThan(80);
    // The page prints eight lines of text.
    expect(lines).toHaveLength(8);
    const words = lines.flatMap((line) => line.words);
    expect(words.map((w) => w.text).slice(0, 3)).toEqual(['This', 'is', 'a']);
    for (const { box, confidence } of words) {
      expect(confidence).toBeGreaterThan(0);
      expect(box.x + box.width).toBeLessThanOrEqual(page.width);
      expect(box.y + box.height).toBeLessThanOrEqual(page.height);
    }
  });

  it('reports boxes in the input image pixels when it upscales first', async () => {
    const plain = (await runNode(ocrNode, { image: page })).result as unknown as Result;
    const upscaled = (await runNode(ocrNode, { image: page }, { upscale: 2 }))
      .result as unknown as Result;
    const first = (result: Result) => result.lines[0]?.words[0]?.box;
    const [a, b] = [first(plain), first(upscaled)];
    expect(a && b).toBeTruthy();
    expect(Math.abs((a?.x ?? 0) - (b?.x ?? 0))).toBeLessThanOrEqual(3);
    expect(Math.abs((a?.width ?? 0) - (b?.width ?? 0))).toBeLessThanOrEqual(3);
  });

  it('serves runs that arrive together one at a time, each with its own layout', async () => {
    const [page1, line] = await Promise.all([
      runNode(ocrNode, { image: page }, { layout: 'auto' }),
      runNode(ocrNode, { image: page }, { layout: 'single-line' }),
    ]);
    expect(flowing(page1.text)).toContain(PHRASE);
    expect(String(page1.text).split('\n').length).toBeGreaterThan(5);
    expect(String(line.text)).not.toContain('\n');
  });

  it('stops at once when the run is cancelled, and reads again on the next run', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = runNode(ocrNode, { image: page }, { upscale: 3 }, controller.signal);
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 200);
    await expect(running).rejects.toThrow('cancelled by the user');
    expect(Date.now() - started).toBeLessThan(1_500);

    const { text } = await runNode(ocrNode, { image: page });
    expect(flowing(text)).toContain(PHRASE);
  });

  it('lets a process that ran OCR exit by itself, with no call to closeOcr', async () => {
    const script = fileURLToPath(new URL('./ocr-once.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        script,
        fileURLToPath(new URL('../../../examples/ocr/image.png', import.meta.url)),
      ],
      { timeout: 20_000 },
    );
    expect(flowing(stdout)).toContain(PHRASE);
  });
});
