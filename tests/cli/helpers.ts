import { execFile, spawnSync } from 'node:child_process';
import { ROOT } from '../fixtures/shared.ts';

export { ROOT };
export const WEFT = `${ROOT}bin/weft.js`;

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/weft.js ...args` for real, optionally under a wrapper such as `unshare -n`. */
export function weft(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; wrapper?: string[] } = {},
): Promise<Result> {
  const [command, ...rest] = [...(options.wrapper ?? []), process.execPath, WEFT, ...args];
  return new Promise((resolve) => {
    execFile(
      command as string,
      rest,
      {
        cwd: options.cwd ?? ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Whether this machine lets an unprivileged process drop its network (`unshare -n`). */
export function canUnshareNetwork(): boolean {
  try {
    return spawnSync('unshare', ['-n', 'true']).status === 0;
  } catch {
    return false;
  }
}
