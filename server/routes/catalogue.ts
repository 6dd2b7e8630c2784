import { Hono } from 'hono';
import { checkPipeline } from '../../pipeline/check.ts';
import { pipelineInputs, pipelineOutputs } from '../../pipeline/io.ts';
import { pipelineJsonSchema } from '../../pipeline/json-schema.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/middleware.ts';
import type { Services } from '../services.ts';

/** The catalogue, the file schema and validation: what the editor loads before anything else. */
export function catalogueRoutes(services: Services) {
  const { registry, env, pipelines } = services;
  const app = new Hono<AppEnv>();
  // Both are fixed for the life of the process; building them once keeps the editor's start fast.
  const nodeTypes = registry.info();
  const schema = pipelineJsonSchema();

  app.get('/node-types', (c) => c.json(nodeTypes));

  app.get('/schema', (c) => c.json(schema));

  app.post('/validate', async (c) => {
    const options = { env, pipelines: pipelines.lookup };
    const { pipeline, problems } = checkPipeline(await readJson(c), registry, options);
    return c.json({
      valid: problems.length === 0,
      problems,
      inputs: pipeline ? pipelineInputs(pipeline, registry) : [],
      outputs: pipeline ? pipelineOutputs(pipeline, registry) : [],
    });
  });

  return app;
}
