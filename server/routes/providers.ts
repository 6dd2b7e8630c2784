import { Hono } from 'hono';
import type { AppEnv } from '../http/middleware.ts';
import type { Services } from '../services.ts';

/**
 * Which model providers this server can reach (keys present, URLs set), never the keys
 * themselves. Empty until the model nodes describe their providers.
 */
export function providerRoutes(_services: Services) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json([]));
  return app;
}
