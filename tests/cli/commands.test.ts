import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fixtures/shared.ts';
import { ROOT, WEFT, weft } from './helpers.ts';

const at = { x: 0, y: 0 };

describe('weft validate', () => {
  it('says a good file is valid', async () => {
    const result = await weft(['validate', 'examples/ocr/pipeline.json']);
    expect(result).toMatchObject({
      code: 0,
      stdout: 'examples/ocr/pipeline.json: valid (3 nodes, 2 edges)\n',
    });
  });

  it('lists every problem, one per line with the node id and path, and exits 1', async () => {
    const file = path.join(tempDir(), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        nodes: [
          { id: 'a', type: 'transform.to-text', position: at, params: {} },
          { id: 'b', type: 'transform.parse-json', position: at, params: {} },
          { id: 'c', type: 'image.resize', position: at, params: { width: -5 } },
          { id: 'd', type: 'image.teleport', position: at, params: {} },
        ],
        edges: [
          { id: 'ab', source: 'a', sourcePort: 'text', target: 'b', targetPort: 'text' },
          { id: 'ba', source: 'b', sourcePort: 'value', target: 'a', targetPort: 'value' },
        ],
      }),
    );
    const result = await weft(['validate', file]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^c nodes\.2\.params\.width: /),
        expect.stringMatching(/^d nodes\.3\.type: .*image\.teleport/),
        expect.stringMatching(/cycle|a.*b/),
      ]),
    );
    expect(result.stderr).toMatch(/\d+ problems/);

    const json = await weft(['validate', file, '--json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.valid).toBe(false);
    expect(parsed.problems.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining(['cycle', 'invalid_params', 'unknown_node_type']),
    );
  });

  it('reports a file that is not JSON as a problem, exit 1', async () => {
    const file = path.join(tempDir(), 'notjson.json');
    writeFileSync(file, '{ nodes: ');
    const result = await weft(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('is not valid JSON');
  });
});

describe('weft nodes', () => {
  it('lists the catalogue by category, and as JSON', async () => {
    const text = await weft(['nodes']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^image$/m);
    expect(text.stdout).toMatch(/^ {2}image\.ocr +/m);
    const json = await weft(['nodes', '--json']);
    const ocr = JSON.parse(json.stdout).find((t: { type: string }) => t.type === 'image.ocr');
    expect(ocr.outputs.map((p: { id: string }) => p.id)).toContain('text');
  });
});

describe('weft serve', () => {
  it('prints its URL, answers the API, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [WEFT, 'serve', '--port', '0', '--data', tempDir()], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', WEFT_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /Weft is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) resolve(match[1] as string);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const types = await (await fetch(`${url}/api/node-types`)).json();
    expect(types.length).toBeGreaterThan(10);
    const examples = await (await fetch(`${url}/api/examples`)).json();
    expect(examples.map((e: { id: string }) => e.id)).toContain('example-ocr');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad port with exit 2, and a bad environment value with one line', async () => {
    expect((await weft(['serve', '--port', 'http'])).code).toBe(2);
    const env = await weft(['serve'], { env: { WEFT_PORT: 'abc' } });
    expect(env.code).toBe(2);
    expect(env.stderr.trim()).toBe(
      'weft: WEFT_PORT must be a whole number between 0 and 65535 (got "abc")',
    );
  });
});
