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

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether the server listens only on this machine, where a Host check is possible. */
export const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || host.startsWith('127.');

/**
 * Refuses a request whose `Host` is not this machine's own name, when the server listens on
 * loopback only. A web page that rebinds its DNS name to 127.0.0.1 would otherwise reach the
 * API, and with it the provider keys the server holds.
 */
export function loopbackHostsOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
    if (!LOOPBACK_NAMES.has(name ?? '') && !(name ?? '').startsWith('127.')) {
      throw new ApiError(
        403,
        'forbidden',
        `this server only answers requests to localhost, not "${host.slice(0, 100)}"; set WEFT_HOST to listen on other addresses`,
      );
    }
    await next();
  };
}

/**
 * Refuses a write a browser sends from another site. Browsers always send `Origin` on such a
 * request, and a plain form post (which starts a run) needs no CORS preflight; clients such as
 * curl send no `Origin` and pass.
 */
export function sameOriginWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const unsafe = !/^(GET|HEAD|OPTIONS)$/.test(c.req.method);
    if (unsafe && origin !== undefined && origin !== new URL(c.req.url).origin) {
      throw new ApiError(
        403,
        'forbidden',
        `a page at ${origin.slice(0, 100)} may not change this server's data; use the editor it serves`,
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
