import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';

describe('config', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: expect.stringMatching(/data$/),
      apiToken: undefined,
      maxBodyBytes: 25 * 1024 * 1024,
      concurrency: 4,
      runMaxAgeDays: undefined,
      runMaxCount: undefined,
    });
  });

  it('reads every variable, and counts an empty one as unset', () => {
    const config = loadConfig({
      WEFT_PORT: '9000',
      WEFT_HOST: '0.0.0.0',
      WEFT_DATA_DIR: '/tmp/weft-data',
      WEFT_API_TOKEN: 'a-long-token',
      WEFT_MAX_BODY_BYTES: '1048576',
      WEFT_CONCURRENCY: '8',
      WEFT_NODE_TIMEOUT_MS: '1000',
      WEFT_RUN_MAX_AGE_DAYS: '30',
      WEFT_RUN_MAX_COUNT: '',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/weft-data',
      apiToken: 'a-long-token',
      maxBodyBytes: 1048576,
      concurrency: 8,
      nodeTimeoutMs: 1000,
      runMaxAgeDays: 30,
      runMaxCount: undefined,
    });
  });

  it.each([
    [
      { WEFT_PORT: 'eighty' },
      /^WEFT_PORT must be a whole number between 0 and 65535 \(got "eighty"\)$/,
    ],
    [{ WEFT_PORT: '70000' }, /^WEFT_PORT must be at most 65535/],
    [{ WEFT_CONCURRENCY: '0' }, /^WEFT_CONCURRENCY must be at least 1/],
    [{ WEFT_MAX_BODY_BYTES: '1.5' }, /^WEFT_MAX_BODY_BYTES must be a whole number/],
    [{ WEFT_LOG_LEVEL: 'loud' }, /^WEFT_LOG_LEVEL /],
    [
      { WEFT_API_TOKEN: 'short' },
      /^WEFT_API_TOKEN must be at least 8 characters, or unset to turn auth off$/,
    ],
  ])('refuses %o with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('logger', () => {
  it('never writes a secret from the environment or an Authorization header', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const env = { OPENAI_API_KEY: 'sk-test-1234567890', HOME: '/home/me' };
    const logger = createLogger({ env, destination });
    logger.info({ headers: { authorization: 'Bearer abc' } }, 'request');
    logger.error({ err: new Error('provider said: bad key sk-test-1234567890') }, 'failed');
    const text = lines.join('');
    expect(text).not.toContain('sk-test-1234567890');
    expect(text).not.toContain('Bearer abc');
    expect(text).toContain('[redacted]');
    expect(text).toContain('provider said: bad key');
  });
});
