import type { Context } from 'hono';
import { isArtifactName, isRunId } from '../storage/artifacts.ts';
import { isPipelineId } from '../storage/pipelines.ts';
import { ApiError } from '../http/errors.ts';

/** The `:id` of a pipeline route, refused with 400 unless it is a safe file name. */
export function pipelineIdParam(c: Context): string {
  return checked(c.req.param('id') ?? '', isPipelineId, 'pipeline id');
}

/** The `:id` of a run route. */
export function runIdParam(c: Context): string {
  return checked(c.req.param('id') ?? '', isRunId, 'run id');
}

/** The `:name` of an artifact or sample route. */
export function fileNameParam(c: Context): string {
  return checked(c.req.param('name') ?? '', isArtifactName, 'file name');
}

function checked(value: string, ok: (value: string) => boolean, what: string): string {
  if (ok(value)) return value;
  throw new ApiError(
    400,
    'invalid_id',
    `"${value.slice(0, 120)}" is not a valid ${what}: use letters, digits, "_" and "-" (up to 100)`,
  );
}
