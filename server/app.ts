import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { errorBody, handleError, tooLarge } from './http/errors.ts';
import {
  isLoopback,
  logRequests,
  loopbackHostsOnly,
  requireToken,
  sameOriginWrites,
} from './http/middleware.ts';
import type { AppEnv } from './http/middleware.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { editorRoutes } from './routes/editor.ts';
import { exampleRoutes } from './routes/examples.ts';
import { pipelineRoutes } from './routes/pipelines.ts';
import { providerRoutes } from './routes/providers.ts';
import { runRoutes } from './routes/runs.ts';
import type { Services } from './services.ts';

/**
 * Weft's HTTP app: the API under `/api` and the editor at `/`. It holds no state of its own, so
 * tests call it in-process with `app.request()` and `startServer` puts it on a port.
 */
export function createApp(services: Services): Hono<AppEnv> {
  const { config, logger } = services;
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(logRequests(logger));
  if (isLoopback(config.host)) app.use(loopbackHostsOnly());
  app.use('/api/*', sameOriginWrites());
  // The editor's files are public; the token guards what reads or changes data.
  if (config.apiToken !== undefined) app.use('/api/*', requireToken(config.apiToken));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: () => {
        throw tooLarge(config.maxBodyBytes);
      },
    }),
  );

  app.route('/api', catalogueRoutes(services));
  app.route('/api/providers', providerRoutes(services));
  app.route('/api/pipelines', pipelineRoutes(services));
  app.route('/api/runs', runRoutes(services));
  app.route('/api/examples', exampleRoutes(services));
  app.all('/api/*', (c) =>
    c.json(errorBody('not_found', `there is no route ${c.req.method} ${c.req.path}`), 404),
  );
  app.route('/', editorRoutes(services.editorDir));

  app.notFound((c) =>
    c.json(errorBody('not_found', `there is no route ${c.req.method} ${c.req.path}`), 404),
  );
  app.onError(handleError(logger));
  return app;
}
