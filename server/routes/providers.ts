import { Hono } from 'hono';
import { describeProviders } from '../../nodes/model/providers/index.ts';
import type { AppEnv } from '../http/middleware.ts';
import type { Services } from '../services.ts';

/**
 * Which model providers this server can use (keys present, URLs set) and the models they list;
 * never the keys themselves. Asked fresh each time, so a provider started later shows up.
 */
export function providerRoutes(services: Services) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => c.json(await describeProviders(services.env)));
  return app;
}
