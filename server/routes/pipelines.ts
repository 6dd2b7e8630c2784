import path from 'node:path';
import { Hono } from 'hono';
import { checkPipeline } from '../../pipeline/check.ts';
import type { Problem } from '../../pipeline/problems.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { readJson } from '../http/body.ts';
import { ApiError, conflict, notFound } from '../http/errors.ts';
import type { AppEnv } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import { mediaTypeOfName } from '../storage/artifacts.ts';
import { samplesOf } from '../storage/examples.ts';
import { readIfExists } from '../storage/files.ts';
import { isPipelineId } from '../storage/pipelines.ts';
import { fileNameParam, pipelineIdParam } from './params.ts';

/**
 * Saved pipelines. A pipeline with graph problems still saves (people save work in progress)
 * and the answer lists the problems; a body that is not a pipeline file at all is refused.
 */
export function pipelineRoutes(services: Services) {
  const { pipelines, registry, env, examples } = services;
  const app = new Hono<AppEnv>();

  /** Checks a file saved (or about to be) as `id`, so a call of itself is found. */
  const check = (file: unknown, id: string) =>
    checkPipeline(file, registry, { env, pipelines: pipelines.lookup, pipelineId: id });

  /** Checks a body to be saved as `id`; refuses one that is not a pipeline file with 422. */
  function readPipeline(
    body: unknown,
    id: string,
  ): { pipeline: PipelineFile; problems: Problem[] } {
    const { pipeline, problems } = check(body, id);
    if (!pipeline) {
      throw new ApiError(
        422,
        'invalid_pipeline',
        describeProblems('not a pipeline file', problems),
        {
          problems,
        },
      );
    }
    return { pipeline, problems };
  }

  app.get('/', async (c) => c.json(await pipelines.list()));

  app.post('/', async (c) => {
    const requested = c.req.query('id');
    if (requested !== undefined && !isPipelineId(requested)) {
      throw new ApiError(
        400,
        'invalid_id',
        `"${requested.slice(0, 120)}" is not a valid pipeline id`,
      );
    }
    const body = await readJson(c);
    // The id comes first: the check needs it to find a call of the pipeline itself.
    const id = requested ?? (await pipelines.newId(nameOf(body)));
    const { pipeline, problems } = readPipeline(body, id);
    const saved = await pipelines.create(id, pipeline);
    if (!saved) {
      throw conflict(`a pipeline with id "${id}" exists; PUT /api/pipelines/${id} replaces it`);
    }
    const { updatedAt } = saved;
    c.header('Location', `/api/pipelines/${id}`);
    return c.json({ id, updatedAt, pipeline, problems }, 201);
  });

  app.get('/:id', async (c) => {
    const id = pipelineIdParam(c);
    const stored = await pipelines.get(id);
    if (!stored) throw notFound(`there is no saved pipeline "${id}"`);
    const { problems } = check(stored.pipeline, id);
    return c.json({ ...stored, problems });
  });

  app.put('/:id', async (c) => {
    const id = pipelineIdParam(c);
    const { pipeline, problems } = readPipeline(await readJson(c), id);
    const { created, updatedAt } = await pipelines.put(id, pipeline);
    return c.json({ id, updatedAt, pipeline, problems }, created ? 201 : 200);
  });

  app.delete('/:id', async (c) => {
    const id = pipelineIdParam(c);
    if (!(await pipelines.delete(id))) throw notFound(`there is no saved pipeline "${id}"`);
    return c.body(null, 204);
  });

  app.get('/:id/samples', (c) => {
    const id = pipelineIdParam(c);
    const samples = samplesOf(examples, id)?.samples ?? [];
    return c.json(
      samples.map((s) => ({
        ...s,
        url: `/api/pipelines/${id}/samples/${encodeURIComponent(s.file)}`,
      })),
    );
  });

  app.get('/:id/samples/:name', async (c) => {
    const id = pipelineIdParam(c);
    const name = fileNameParam(c);
    const example = samplesOf(examples, id);
    const sample = example?.samples.find((s) => s.file === name || s.input === name);
    const data = example && sample && (await readIfExists(path.join(example.dir, sample.file)));
    if (!sample || !data) throw notFound(`pipeline "${id}" has no sample input "${name}"`);
    return c.body(new Uint8Array(data), 200, {
      'Content-Type': mediaTypeOfName(sample.file),
      'Content-Disposition': `inline; filename="${sample.file}"`,
    });
  });

  return app;
}

/** The name a body gives itself, for a new id; the check has not parsed it yet. */
function nameOf(body: unknown): string {
  const name = (body as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'Untitled';
}

/** One message for many problems: the first few, and how many more. */
export function describeProblems(what: string, problems: readonly Problem[]): string {
  const shown = problems.slice(0, 5).map((p) => p.message);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  return `${what}: ${shown.join('; ')}${more}`;
}
