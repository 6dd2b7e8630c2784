import { Hono } from 'hono';
import type { AppEnv } from '../http/middleware.ts';
import type { Services } from '../services.ts';

/** The shipped examples: each is a saved pipeline `example-<slug>` with its sample inputs. */
export function exampleRoutes(services: Services) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) =>
    c.json(
      services.examples.map(({ slug, id, name, description, samples }) => ({
        slug,
        id,
        name,
        description: description ?? null,
        pipeline: `/api/pipelines/${id}`,
        samples: samples.map((s) => ({
          ...s,
          url: `/api/pipelines/${id}/samples/${encodeURIComponent(s.file)}`,
        })),
      })),
    ),
  );
  return app;
}
