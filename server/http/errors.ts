import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger.ts';

/** Stable codes of the errors the API answers with. */
export type ApiErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'invalid_body'
  | 'invalid_id'
  | 'invalid_input'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'invalid_pipeline'
  | 'internal';

/** The one error type routes throw; `onError` turns it into `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'bad_request', message, details);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const conflict = (message: string, details?: unknown) =>
  new ApiError(409, 'conflict', message, details);
export const tooLarge = (limit: number) =>
  new ApiError(
    413,
    'payload_too_large',
    `the request body is over the limit of ${limit} bytes; send a smaller file or raise WEFT_MAX_BODY_BYTES`,
    { limit },
  );

export function errorBody(code: ApiErrorCode, message: string, details?: unknown) {
  return { error: { code, message, details: details ?? null } };
}

/** One error handler for the whole app: known errors keep their status, the rest become 500. */
export function handleError(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) {
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code: ApiErrorCode =
        status === 413 ? 'payload_too_large' : status === 403 ? 'forbidden' : 'bad_request';
      return c.json(errorBody(code, err.message || 'the request could not be read'), status);
    }
    logger.error({ err, reqId: c.get('requestId') }, 'unhandled error');
    return c.json(errorBody('internal', 'something went wrong inside the server'), 500);
  };
}
