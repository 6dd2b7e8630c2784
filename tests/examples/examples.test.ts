import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPipeline } from '../../pipeline/check.ts';
import { pipelineInputs } from '../../pipeline/io.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { ImageValue, Value } from '../../pipeline/values.ts';
import { closeOcr } from '../../nodes/image/index.ts';
import { imageFromBytes } from '../../nodes/image/sharp-image.ts';
import { registry } from '../../nodes/index.ts';
import { runPipeline, type RunResult } from '../../server/engine/index.ts';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');

interface Example {
  slug: string;
  pipeline: PipelineFile;
  /** The sample file for each pipeline input, found beside the pipeline by the input's name. */
  files: Record<string, string>;
}

async function loadExample(slug: string): Promise<Example> {
  const folder = path.join(examplesDir, slug);
  const pipeline = JSON.parse(await readFile(path.join(folder, 'pipeline.json'), 'utf8'));
  const entries = await readdir(folder);
  const files: Record<string, string> = {};
  for (const input of pipelineInputs(pipeline, registry)) {
    const file = entries.find((entry) => path.parse(entry).name === input.name);
    if (file) files[input.name] = path.join(folder, file);
  }
  return { slug, pipeline, files };
}

/** Runs an example on its own sample files, as `weft run` would. */
async function runExample(example: Example): Promise<RunResult> {
  const inputs: Record<string, Value> = {};
  for (const [name, file] of Object.entries(example.files)) {
    inputs[name] = await imageFromBytes(await readFile(file));
  }
  return runPipeline(example.pipeline, { registry, inputs });
}

const slugs = (await readdir(examplesDir, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const examples = new Map<string, Example>();
const results = new Map<string, RunResult>();

beforeAll(async () => {
  for (const slug of slugs) examples.set(slug, await loadExample(slug));
});

afterAll(async () => {
  await closeOcr();
});

/** The run of one example, made once and shared by the tests that read it. */
async function resultOf(slug: string): Promise<RunResult> {
  let result = results.get(slug);
  if (!result) {
    const example = examples.get(slug);
    if (!example) throw new Error(`no example "${slug}"`);
    result = await runExample(example);
    results.set(slug, result);
  }
  expect(result.error).toBeUndefined();
  expect(result.status).toBe('succeeded');
  return result;
}

function image(value: Value | undefined): ImageValue {
  expect(value).toMatchObject({ kind: 'image' });
  return value as ImageValue;
}

describe('every example', () => {
  it('includes the three whose results this suite checks', () => {
    // The model examples' results are checked in tests/model/examples.test.ts.
    expect(slugs).toEqual(expect.arrayContaining(['bank-statement', 'ocr', 'thumbnails']));
  });

  it.each(slugs)('%s passes the pipeline check with no problems', (slug) => {
    const { problems } = checkPipeline(examples.get(slug)?.pipeline, registry);
    expect(problems).toEqual([]);
  });

  it.each(slugs)('%s has a sample file for every pipeline input', (slug) => {
    const example = examples.get(slug);
    const names = pipelineInputs(example?.pipeline as PipelineFile, registry).map((i) => i.name);
    expect(names.length).toBeGreaterThan(0);
    expect(Object.keys(example?.files ?? {})).toEqual(names);
  });

  it.each(slugs)('%s reads left to right: every edge points to the right', (slug) => {
    const { nodes, edges } = examples.get(slug)?.pipeline as PipelineFile;
    const x = new Map(nodes.map((node) => [node.id, node.position.x]));
    for (const edge of edges) {
      expect(x.get(edge.target), `edge ${edge.id}`).toBeGreaterThan(x.get(edge.source) ?? 0);
    }
  });

  it.each(slugs)('%s is documented with its run command', async (slug) => {
    const docs = await Promise.all(
      ['README.md', 'MODELS.md'].map((file) => readFile(path.join(examplesDir, file), 'utf8')),
    );
    expect(docs.join('\n')).toContain(`weft run examples/${slug}/pipeline.json`);
  });
});

describe('example: ocr', () => {
  it('reads the test page, pangram and all', async () => {
    const { outputs } = await resultOf('ocr');
    const text = String(outputs.text);
    expect(text.split('\n')[0]).toBe('This is a lot of 12 point text to test the');
    // The page wraps the sentence across lines; a reader sees it whole.
    expect(text.replace(/\s+/g, ' ')).toContain('The quick brown dog jumped over the lazy fox');
  });
});

interface Row {
  date: string;
  description: string;
  cheque: number | null;
  amount: number | null;
  balance: number;
}

describe('example: bank-statement', () => {
  let rows: Row[];
  let text: string;

  beforeAll(async () => {
    const { outputs } = await resultOf('bank-statement');
    rows = outputs.rows as unknown as Row[];
    text = String(outputs.text);
  });

  it('returns the raw text with the heading', () => {
    expect(text).toContain('FIRST CHEQUING');
    expect(text).toContain('Line of Credit 100,000.00 Rate 4.2000');
  });

  it('finds the twelve dated rows, from 31Jul2018 to 02Aug2018', () => {
    expect(rows).toHaveLength(12);
    expect(rows.map((row) => row.date)).toEqual([
      '31Jul2018',
      ...Array<string>(8).fill('01Aug2018'),
      ...Array<string>(3).fill('02Aug2018'),
    ]);
  });

  it('starts from the balance brought forward, overdrawn by 99,878.08', () => {
    expect(rows[0]).toEqual({
      date: '31Jul2018',
      description: 'Balance Forward',
      cheque: null,
      amount: null,
      balance: -99_878.08,
    });
  });

  it('reads every amount to the cent, debits negative and credits positive', () => {
    expect(rows.slice(1).map((row) => row.amount)).toEqual([
      -36.07, -60.93, -800.04, -823.34, 14.54, 400, 32_414.5, -1_500, -48.08, -70.51, -500,
    ]);
  });

  it('keeps the descriptions and cheque numbers', () => {
    expect(rows.map((row) => row.description)).toContain('Transfer out to loan 7');
    expect(rows.filter((row) => row.description === 'Incoming Interac e-Transfer')).toHaveLength(2);
    expect(rows.flatMap((row) => (row.cheque === null ? [] : [row.cheque]))).toEqual([
      4987, 4986, 4982, 4981, 4984, 4985, 4992,
    ]);
  });

  it('adds up: each balance is the one before plus the amount', () => {
    for (let i = 1; i < rows.length; i++) {
      const [before, row] = [rows[i - 1] as Row, rows[i] as Row];
      expect(row.balance).toBeCloseTo(before.balance + (row.amount ?? 0), 2);
    }
    expect(rows.at(-1)?.balance).toBe(-70_888.01);
  });
});

describe('example: thumbnails', () => {
  it('writes a 256-pixel-wide WebP of the photo', async () => {
    const thumbnail = image((await resultOf('thumbnails')).outputs.thumbnail);
    const metadata = await sharp(thumbnail.data).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 256, 192]);
    expect(thumbnail.mediaType).toBe('image/webp');
    expect(Buffer.from(thumbnail.data).subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it('writes a 256-pixel-wide grayscale JPEG of the photo', async () => {
    const gray = image((await resultOf('thumbnails')).outputs.grayscale);
    const metadata = await sharp(gray.data).metadata();
    expect([metadata.format, metadata.width, metadata.space]).toEqual(['jpeg', 256, 'b-w']);
  });
});
