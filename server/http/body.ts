import type { Context } from 'hono';
import { depthOver } from '../engine/sizes.ts';
import { ApiError } from './errors.ts';

/** What a request body turned out to be: parsed JSON, or the parts of a multipart form. */
export type Body = { kind: 'json'; value: unknown } | { kind: 'form'; form: FormData };

const mediaTypeOf = (c: Context) =>
  (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const isJsonType = (type: string) => type === 'application/json' || type.endsWith('+json');

/**
 * Reads a JSON body. A missing content type is read as JSON (curl users forget it); any other
 * type is refused with 415 so a client learns what to send.
 */
export async function readJson(c: Context): Promise<unknown> {
  const type = mediaTypeOf(c);
  if (type !== '' && !isJsonType(type)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `expected a JSON body (Content-Type: application/json), got "${type}"`,
    );
  }
  return parseJsonText(await c.req.text());
}

/** Reads a JSON body or a multipart form, for routes that take files. */
export async function readJsonOrForm(c: Context): Promise<Body> {
  const type = mediaTypeOf(c);
  if (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded') {
    return { kind: 'form', form: await readForm(c) };
  }
  return { kind: 'json', value: await readJson(c) };
}

async function readForm(c: Context): Promise<FormData> {
  try {
    return await c.req.raw.formData();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      400,
      'invalid_body',
      `the form body could not be read: ${(error as Error).message}; send multipart/form-data with a boundary`,
    );
  }
}

/** Deeper than any pipeline or input needs; deep enough JSON overflows the stack when written. */
export const MAX_JSON_DEPTH = 256;

export function parseJsonText(text: string, what = 'the request body'): unknown {
  if (text.trim() === '') throw new ApiError(400, 'invalid_json', `${what} is empty`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      400,
      'invalid_json',
      `${what} is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (depthOver(value, MAX_JSON_DEPTH)) {
    throw new ApiError(
      400,
      'invalid_json',
      `${what} nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep`,
    );
  }
  return value;
}
