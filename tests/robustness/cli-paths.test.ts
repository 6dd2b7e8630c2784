import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, weft } from '../cli/helpers.ts';

/**
 * A folder flag that names a file is a mistake on the command line: one line saying which flag
 * and what to give instead, exit code 2, before any work is done; never a stack trace, and
 * never after a run whose outputs are then lost.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'weft-cli-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = path.join(dir, 'a-file.txt');
writeFileSync(file, 'not a folder');
const PIPELINE = path.join(ROOT, 'examples', 'thumbnails', 'pipeline.json');
const PHOTO = `photo=@${path.join(ROOT, 'examples', 'thumbnails', 'photo.jpg')}`;

/** One line of the form `weft: ...`, then the pointer to --help; no stack frames. */
function expectUsage(result: { code: number; stdout: string; stderr: string }, text: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(text);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe('');
}

describe('folder flags that name a file', () => {
  it.each([
    ['--out', file],
    ['--out', path.join(file, 'inside')],
    ['--cache', file],
  ])('weft run %s <a file> is refused before the run starts', async (flag, value) => {
    const result = await weft(['run', PIPELINE, '--input', PHOTO, flag, value], { cwd: dir });
    expectUsage(result, new RegExp(`weft: ${flag}: .*is not a folder`));
    // Nothing ran: no progress lines.
    expect(result.stderr).not.toContain('started');
  });

  it('weft run --out <a new folder> still creates it and writes the images there', async () => {
    const out = path.join(dir, 'new', 'out');
    const result = await weft(['run', PIPELINE, '--input', PHOTO, '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(out, 'thumbnail.webp'))).toBe(true);
  });

  it('weft serve --data <a file> says which folder it cannot use', async () => {
    const result = await weft(['serve', '--port', '0', '--data', file]);
    expectUsage(result, /weft: --data: .*is not a folder/);
  });

  it('weft serve with WEFT_DATA_DIR naming a file says so', async () => {
    mkdirSync(path.join(dir, 'empty'), { recursive: true });
    const result = await weft(['serve', '--port', '0'], {
      cwd: path.join(dir, 'empty'),
      env: { WEFT_DATA_DIR: file },
    });
    expectUsage(result, /weft: WEFT_DATA_DIR: .*is not a folder/);
  });
});
