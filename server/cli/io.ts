import type { Env } from '../../pipeline/node-type.ts';

/** What a command reads and writes; `main` passes the process's own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: Env;
  cwd: string;
}

/** A mistake on the command line: exit code 2, with the message and a pointer to `--help`. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export const println = (stream: NodeJS.WritableStream, line = '') => stream.write(`${line}\n`);

/** A command's arguments as `node:util` parseArgs returns them. */
export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}
