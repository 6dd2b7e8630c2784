import path from 'node:path';
import { z } from 'zod';
import type { Env } from '../pipeline/node-type.ts';

const MB = 1024 * 1024;

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const ConfigSchema = z.object({
  WEFT_PORT: integer(0, 65_535).default(8787),
  WEFT_HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  WEFT_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
  WEFT_API_TOKEN: z
    .string()
    .min(8, 'must be at least 8 characters, or unset to turn auth off')
    .optional(),
  WEFT_MAX_BODY_BYTES: integer(1024, 2 ** 31).default(25 * MB),
  WEFT_CONCURRENCY: integer(1, 256).default(4),
  WEFT_NODE_TIMEOUT_MS: integer(1, 86_400_000).default(300_000),
  WEFT_RUN_MAX_AGE_DAYS: integer(1, 36_500).optional(),
  WEFT_RUN_MAX_COUNT: integer(1, 10_000_000).optional(),
  WEFT_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
});

/** The server's settings, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the folder holding pipelines, run history and artifacts. */
  dataDir: string;
  apiToken: string | undefined;
  maxBodyBytes: number;
  /** Nodes of one run that may work at once. */
  concurrency: number;
  /** Default time-out of one node attempt. */
  nodeTimeoutMs: number;
  /** Runs older than this are pruned from history (with their artifacts). */
  runMaxAgeDays: number | undefined;
  /** Only this many most recent runs are kept. */
  runMaxCount: number | undefined;
  logLevel: string;
}

/** A setting that cannot be used; its message is one line naming the variable and the fix. */
export class ConfigError extends Error {
  readonly code = 'invalid_config';
}

/**
 * Reads the `WEFT_*` variables. An empty variable counts as unset, so `WEFT_PORT= weft serve`
 * behaves like no variable at all.
 */
export function loadConfig(env: Env = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'environment');
    // Never echo the token: the message may end up in a terminal log or a CI transcript.
    const shown = present[key] !== undefined && key !== 'WEFT_API_TOKEN';
    const got = shown ? ` (got "${present[key]}")` : '';
    throw new ConfigError(`${key} ${issue?.message ?? 'is invalid'}${got}`);
  }
  const v = parsed.data;
  return {
    port: v.WEFT_PORT,
    host: v.WEFT_HOST,
    dataDir: path.resolve(v.WEFT_DATA_DIR),
    apiToken: v.WEFT_API_TOKEN,
    maxBodyBytes: v.WEFT_MAX_BODY_BYTES,
    concurrency: v.WEFT_CONCURRENCY,
    nodeTimeoutMs: v.WEFT_NODE_TIMEOUT_MS,
    runMaxAgeDays: v.WEFT_RUN_MAX_AGE_DAYS,
    runMaxCount: v.WEFT_RUN_MAX_COUNT,
    logLevel: v.WEFT_LOG_LEVEL,
  };
}
