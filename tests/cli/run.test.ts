import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  OCR_IMAGE,
  PHOTO,
  QUICK_BROWN,
  greetPipeline,
  oneLine,
  tempDir,
} from '../fixtures/shared.ts';
import { ROOT, canUnshareNetwork, weft } from './helpers.ts';

const OCR = path.join(ROOT, 'examples/ocr/pipeline.json');
const THUMBS = path.join(ROOT, 'examples/thumbnails/pipeline.json');
const hasScript = () => spawnSync('script', ['--version']).status === 0;

const at = { x: 0, y: 0 };

function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('weft run', () => {
  it('prints the OCR text of an image as JSON', async () => {
    const result = await weft(['run', OCR, '--input', `image=@${OCR_IMAGE}`, '--json']);
    expect(result.code).toBe(0);
    const outputs = JSON.parse(result.stdout);
    expect(Object.keys(outputs)).toEqual(['text']);
    expect(oneLine(outputs.text)).toContain(QUICK_BROWN);
    // Progress is on stderr, one plain line per node event when stderr is not a terminal.
    expect(result.stderr).toContain('ocr (image.ocr): done in');
    expect(result.stderr).toContain('run succeeded');
  });

  it.skipIf(!canUnshareNetwork())(
    'reads the same text with no network at all (unshare -n; skipped where unprivileged namespaces are off)',
    async () => {
      const result = await weft(['run', OCR, '--input', `image=@${OCR_IMAGE}`, '--json'], {
        wrapper: ['unshare', '-n'],
      });
      expect(result.code).toBe(0);
      expect(oneLine(JSON.parse(result.stdout).text)).toContain(QUICK_BROWN);
    },
  );

  it.skipIf(!hasScript())(
    'rewrites one progress line in place on a terminal (util-linux `script` gives it one)',
    async () => {
      const command = `'${process.execPath}' bin/weft.js run examples/ocr/pipeline.json --input image=@examples/ocr/image.png > /dev/null`;
      const result = await new Promise<string>((resolve) =>
        execFile('script', ['-qc', command, '/dev/null'], { cwd: ROOT }, (_, stdout) =>
          resolve(stdout),
        ),
      );
      expect(result).toContain('\r\x1b[K[1/3] ocr (image.ocr)');
      expect(result).toContain('\r\x1b[Krun succeeded in ');
      expect(result).not.toContain('ocr (image.ocr): done in');
    },
  );

  it('writes image outputs under --out and references them by path', async () => {
    const cwd = tempDir();
    const result = await weft(
      ['run', THUMBS, '--input', `photo=@${PHOTO}`, '--out', 'thumbs', '--json'],
      {
        cwd,
      },
    );
    expect(result.code).toBe(0);
    const outputs = JSON.parse(result.stdout);
    expect(readdirSync(path.join(cwd, 'thumbs')).sort()).toEqual(
      Object.values(outputs)
        .map((o) => path.basename((o as { path: string }).path))
        .sort(),
    );
    for (const output of Object.values(outputs) as {
      path: string;
      width: number;
      mediaType: string;
    }[]) {
      expect(output.path.startsWith('thumbs/')).toBe(true);
      const meta = await sharp(path.join(cwd, output.path)).metadata();
      expect(meta.width).toBe(output.width);
      expect(`image/${meta.format}`).toBe(output.mediaType.replace('jpg', 'jpeg'));
    }
  });

  it('prints a single text output bare, and types inputs by their port', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'greet.json', greetPipeline);
    const result = await weft(['run', file, '--input', 'who=Ada']);
    expect(result).toMatchObject({ code: 0, stdout: 'Hello Ada\n' });
  });

  it('reuses node results from --cache DIR, and recomputes with --no-cache', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'greet.json', greetPipeline);
    const args = ['run', file, '--input', 'who=Bo', '--cache', path.join(dir, 'cache')];
    await weft(args);
    const again = await weft(args);
    expect(again.stderr).toContain('hello (text.template): done in');
    expect(again.stderr).toMatch(/hello \(text\.template\): done in [\d.]+s \(cached\)/);
    const fresh = await weft([...args, '--no-cache']);
    expect(fresh.stderr).not.toContain('(cached)');
  });

  it('exits 1 and names the node when the run fails', async () => {
    const dir = tempDir();
    const result = await weft(['run', writeJson(dir, 'greet.json', greetPipeline)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/the run failed: node `who`/);
  });

  it('exits 1 with every problem when the pipeline is invalid', async () => {
    const dir = tempDir();
    const broken = {
      ...greetPipeline,
      nodes: [...greetPipeline.nodes, { id: 'x', type: 'no.such', position: at, params: {} }],
    };
    const result = await weft(['run', writeJson(dir, 'broken.json', broken)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('x nodes.3.type: ');
  });

  it.each([
    ['no file', ['run']],
    ['a file that does not exist', ['run', 'nowhere.json']],
    ['an unknown flag', ['run', OCR, '--colour']],
    ['an input without a value', ['run', OCR, '--input', 'image']],
    ['an input the pipeline does not have', ['run', OCR, '--input', 'photo=@x.png']],
    ['an image input that is not an image', ['run', OCR, '--input', `image=@${OCR}`]],
    [
      '--run-to an unknown node',
      ['run', OCR, '--input', `image=@${OCR_IMAGE}`, '--run-to', 'ghost'],
    ],
    ['an unknown command', ['frobnicate']],
  ])('exits 2 on a usage error: %s', async (_, args) => {
    const result = await weft(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^weft: /);
    expect(result.stderr).toContain('--help');
  });
});
