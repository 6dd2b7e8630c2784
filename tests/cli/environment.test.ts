import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, WEFT, weft } from './helpers.ts';

describe('the CLI and its environment', () => {
  it('takes the node time-out from WEFT_NODE_TIMEOUT_MS, as the server does', async () => {
    const ocr = path.join(ROOT, 'examples/ocr');
    const result = await weft(
      ['run', `${ocr}/pipeline.json`, '--input', `image=@${ocr}/image.png`, '--no-cache'],
      { env: { WEFT_NODE_TIMEOUT_MS: '50' } },
    );
    expect(result.code).toBe(1);
    const last = result.stderr.trim().split('\n').at(-1);
    expect(last).toBe(
      'weft: the run failed: node `ocr` (image.ocr) timed out after 50 ms; ' +
        'raise its `policy.timeoutMs` or the run time-out',
    );
  });

  it('refuses a malformed WEFT_CONCURRENCY with one line naming it', async () => {
    const result = await weft(['run', path.join(ROOT, 'examples/ocr/pipeline.json')], {
      env: { WEFT_CONCURRENCY: 'many' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('WEFT_CONCURRENCY');
  });

  it('stops quietly when the reader closes the pipe early (weft nodes | head -1)', async () => {
    const child = spawn(process.execPath, [WEFT, 'nodes'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first.length).toBeGreaterThan(0);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
