import { Hono } from 'hono';
import { z } from 'zod';
import { checkPipeline } from '../../pipeline/check.ts';
import { pipelineInputs } from '../../pipeline/io.ts';
import { readJsonOrForm } from '../http/body.ts';
import { ApiError, badRequest, conflict, notFound } from '../http/errors.ts';
import type { AppEnv } from '../http/middleware.ts';
import { streamRunEvents } from '../http/sse.ts';
import { InputValueError, decodeInputs } from '../runs/inputs.ts';
import { parseRunRequest } from '../runs/request.ts';
import type { RunRequest } from '../runs/request.ts';
import { sampleInputs } from '../runs/samples.ts';
import type { Services } from '../services.ts';
import { mediaTypeOfName } from '../storage/artifacts.ts';
import { isPipelineId } from '../storage/pipelines.ts';
import { describeProblems } from './pipelines.ts';
import { fileNameParam, runIdParam } from './params.ts';

const ListQuery = z.object({
  pipeline: z.string().min(1).max(100).optional(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Runs: start one, list history, follow one's events, cancel it, fetch its artifacts. */
export function runRoutes(services: Services) {
  const { runs } = services;
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const request = await parseRunRequest(await readJsonOrForm(c));
    const live = await runs.start(await prepare(services, request));
    if (request.wait) return c.json(await live.done);
    c.header('Location', `/api/runs/${live.id}`);
    return c.json({ id: live.id, status: 'running', ...links(live.id) }, 202);
  });

  app.get('/', (c) => {
    const query = ListQuery.safeParse(c.req.query());
    if (!query.success) {
      const issue = query.error.issues[0];
      throw badRequest(`query \`${String(issue?.path[0])}\`: ${issue?.message}`);
    }
    const { pipeline, status, limit, offset } = query.data;
    const filter = {
      limit,
      offset,
      ...(pipeline && { pipelineId: pipeline }),
      ...(status && { status }),
    };
    return c.json(services.history.list(filter));
  });

  app.get('/:id', (c) => {
    const id = runIdParam(c);
    const record = runs.get(id);
    if (!record) throw notFound(`there is no run "${id}"`);
    return c.json({ ...record, ...links(id) });
  });

  app.get('/:id/events', (c) => {
    const id = runIdParam(c);
    const source = runs.live(id) ?? runs.events(id);
    if (!source) throw notFound(`there is no run "${id}"`);
    return streamRunEvents(c, source);
  });

  app.post('/:id/cancel', async (c) => {
    const id = runIdParam(c);
    const before = runs.get(id);
    if (!before) throw notFound(`there is no run "${id}"`);
    if (before.status !== 'running' || !runs.live(id)) {
      throw conflict(`run "${id}" is over already (${before.status}); there is nothing to cancel`);
    }
    const after = await runs.cancel(id);
    return c.json(after, after?.status === 'running' ? 202 : 200);
  });

  app.get('/:id/artifacts', async (c) => {
    const id = runIdParam(c);
    if (!runs.get(id)) throw notFound(`there is no run "${id}"`);
    const names = await services.artifacts.list(id);
    return c.json(names.map((name) => ({ name, url: `/api/runs/${id}/artifacts/${name}` })));
  });

  app.get('/:id/artifacts/:name', async (c) => {
    const id = runIdParam(c);
    const name = fileNameParam(c);
    if (!runs.get(id)) throw notFound(`there is no run "${id}"`);
    const data = await readArtifact(services, id, name);
    if (!data) throw notFound(`run "${id}" has no artifact "${name}"`);
    return c.body(data, 200, {
      'Content-Type': mediaTypeOfName(name),
      // An artifact never changes once written.
      'Cache-Control': 'private, max-age=31536000, immutable',
    });
  });

  return app;
}

const links = (id: string) => ({
  events: `/api/runs/${id}/events`,
  cancel: `/api/runs/${id}/cancel`,
});

/** An artifact from memory (shown while the run goes on) or disk, waiting for a live run to write it. */
async function readArtifact(services: Services, id: string, name: string) {
  const live = services.runs.live(id);
  const image = live?.images.get(name);
  if (image) return new Uint8Array(image.data);
  let data = await services.artifacts.read(id, name);
  if (!data && live && !live.finished) {
    await live.done;
    data = await services.artifacts.read(id, name);
  }
  return data && new Uint8Array(data);
}

/**
 * Finds and checks the pipeline, and turns the raw inputs into values, before anything runs. An
 * inline file runs as given; with it, `pipelineId` only says which saved pipeline it is.
 */
async function prepare(services: Services, request: RunRequest) {
  const { pipelines, registry, env, examples } = services;
  let file = request.pipeline;
  const pipelineId = request.pipelineId ?? null;
  if (pipelineId !== null) {
    const stored = await pipelines.get(checkedId(pipelineId));
    if (!stored) throw notFound(`there is no saved pipeline "${pipelineId}"`);
    if (file === undefined) file = stored.pipeline;
  }
  const { pipeline, problems } = checkPipeline(file, registry, {
    env,
    pipelines: pipelines.lookup,
    ...(pipelineId !== null && { pipelineId }),
  });
  if (!pipeline || problems.length) {
    throw new ApiError(
      422,
      'invalid_pipeline',
      describeProblems('the pipeline cannot run', problems),
      {
        problems,
      },
    );
  }
  const ids = new Set(pipeline.nodes.map((node) => node.id));
  for (const key of ['runTo', 'runFrom'] as const) {
    const target = request.options[key];
    if (target !== undefined && !ids.has(target)) {
      throw badRequest(`\`${key}\`: the pipeline has no node "${target}"`);
    }
  }
  const raw = request.useSamples
    ? { ...(await sampleInputs(examples, pipelineId)), ...request.inputs }
    : request.inputs;
  try {
    const inputs = await decodeInputs(pipelineInputs(pipeline, registry), raw);
    return { pipeline, pipelineId, inputs, options: request.options };
  } catch (error) {
    if (!(error instanceof InputValueError)) throw error;
    throw new ApiError(400, 'invalid_input', error.message, { problems: error.problems });
  }
}

function checkedId(id: string): string {
  if (isPipelineId(id)) return id;
  throw new ApiError(400, 'invalid_id', `"${id.slice(0, 120)}" is not a valid pipeline id`);
}
