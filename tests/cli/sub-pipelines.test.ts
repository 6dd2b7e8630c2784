import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { greetPipeline, parentOf, tempDir } from '../fixtures/shared.ts';
import { weft } from './helpers.ts';

/** A folder with `saved/greet.json` and `parent.json` (beside it, not saved). */
function workspace(savedDir = 'saved') {
  const cwd = tempDir('weft-cli-calls-');
  mkdirSync(path.join(cwd, savedDir), { recursive: true });
  writeFileSync(path.join(cwd, savedDir, 'greet.json'), JSON.stringify(greetPipeline));
  writeFileSync(path.join(cwd, 'parent.json'), JSON.stringify(parentOf('greet')));
  return cwd;
}

describe('pipeline.call on the command line', () => {
  it('runs a parent that calls a pipeline saved in --pipelines DIR', async () => {
    const cwd = workspace();
    const result = await weft(['run', 'parent.json', '--pipelines', 'saved', '--json'], { cwd });
    expect(result.stderr).toContain('run succeeded');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ text: 'Hello Ada' });
  });

  it('finds saved pipelines in the data folder without the flag', async () => {
    const cwd = workspace('data/pipelines');
    const byDefault = await weft(['run', 'parent.json', '--json'], { cwd });
    expect(JSON.parse(byDefault.stdout)).toEqual({ text: 'Hello Ada' });

    const elsewhere = workspace('store/pipelines');
    const byEnv = await weft(['validate', 'parent.json'], {
      cwd: elsewhere,
      env: { WEFT_DATA_DIR: 'store' },
    });
    expect(byEnv.stdout).toBe('parent.json: valid (3 nodes, 2 edges)\n');
    expect(byEnv.code).toBe(0);
  });

  it('says where to put saved pipelines when it has none, and exits 1', async () => {
    const cwd = tempDir('weft-cli-calls-');
    writeFileSync(path.join(cwd, 'parent.json'), JSON.stringify(parentOf('greet')));
    const result = await weft(['run', 'parent.json'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'call nodes.1.params.pipeline: node `call` (pipeline.call): saved pipelines are not available here, so pipeline `greet` cannot be called',
    );
    expect(result.stderr).toContain('weft: no saved pipelines to call: give --pipelines DIR');
  });

  it('validate names a saved pipeline that calls itself by its file name', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'saved', 'loop.json'), JSON.stringify(parentOf('loop')));
    const result = await weft(['validate', 'saved/loop.json', '--pipelines', 'saved'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'call nodes.1.params.pipeline: node `call` (pipeline.call): calling pipeline `loop` would never end: `loop` → `loop`',
    );
  });

  it('refuses a --pipelines that is not a folder with a usage error', async () => {
    const cwd = workspace();
    const result = await weft(['run', 'parent.json', '--pipelines', 'parent.json'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('weft: --pipelines: parent.json is not a folder');
  });

  it('documents --pipelines in weft --help', async () => {
    const result = await weft(['--help']);
    expect(result.stdout).toContain('weft validate FILE [--json] [--pipelines DIR]');
    expect(result.stdout).toContain('find it as DIR/<id>.json');
  });
});
