import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';
import { ApiError } from './errors.ts';

export type AppEnv = { Variables: { requestId: string } };

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Refuses API requests without the token. It may come as `Authorization: Bearer <token>` or,
 * for clients that cannot set headers (EventSource, an <img> of an artifact), as the
 * `access_token` query parameter (RFC 6750). The comparison takes the same time for any guess.
 */
export function requireToken(token: string): MiddlewareHandler<AppEnv> {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    const given = match?.[1] ?? c.req.query('access_token');
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="weft"');
      throw new ApiError(
        401,
        'unauthorized',
        given === undefined
          ? 'this server needs an API token: send "Authorization: Bearer <WEFT_API_TOKEN>"'
          : 'the API token is wrong',
      );
    }
    await next();
  };
}

/**
 * Logs one line per request: id, method, path, status and time. The query string is left out
 * (it may carry `access_token`), and so are bodies, which may be whole inputs.
 */
export function logRequests(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const line = {
      reqId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    };
    if (c.res.status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  };
}
