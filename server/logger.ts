import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { Env } from '../pipeline/node-type.ts';

export type { Logger };

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL|AUTH/i;
const MIN_SECRET_LENGTH = 6;

/** Values of environment variables whose names say they hold a secret, longest first. */
export function secretsOf(env: Env): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && (value?.length ?? 0) >= MIN_SECRET_LENGTH)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of a secret in one log line. */
export function scrub(line: string, secrets: readonly string[]): string {
  let clean = line;
  for (const secret of secrets) clean = clean.split(secret).join('[redacted]');
  return clean;
}

export interface LoggerOptions {
  level?: string;
  /**
   * Where log lines go; stderr when absent, so stdout keeps only what a command prints (the
   * URL of `weft serve`). Tests pass a collecting stream or level `silent`.
   */
  destination?: DestinationStream;
  /** Environment whose secret-looking values must never appear in a line. */
  env?: Env;
}

/**
 * The server's one logger. Authorization headers and cookies are redacted by path, and every
 * line is scrubbed of secret values from the environment in case one slips into a message.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = secretsOf(options.env ?? process.env);
  const target = options.destination ?? pino.destination({ dest: 2, sync: false });
  const destination: DestinationStream = {
    write: (line: string) => target.write(secrets.length ? scrub(line, secrets) : line),
  };
  return pino(
    {
      level: options.level ?? 'info',
      base: { name: 'weft' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'headers.cookie',
          '*.apiToken',
          'apiToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
