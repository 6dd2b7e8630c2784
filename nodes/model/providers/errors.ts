import { APIError } from 'openai';
import { InferenceClientError, InferenceClientProviderApiError } from '@huggingface/inference';
import { NodeRunError } from '../../../pipeline/errors.ts';
import type { Env } from '../../../pipeline/node-type.ts';
import { ENV, redact, type ProviderId } from './config.ts';

/** What a failed request was for, so the message can say it in the user's terms. */
export interface RequestSubject {
  provider: ProviderId;
  model: string;
  /** Where the request went, for messages: a base URL or endpoint, never with a key. */
  target: string;
  env: Env;
}

/** The HTTP answer of a failed request, as far as the client let us see it. */
interface HttpFailure {
  status: number;
  detail: string;
  retryAfterMs: number | undefined;
}

/** Codes a provider failure can carry; stable, so the editor and tests can rely on them. */
export type ProviderErrorCode =
  | 'provider_auth'
  | 'model_not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'provider_error'
  | 'provider_unreachable'
  | 'stream_cut'
  | 'bad_response'
  | 'timeout';

/**
 * Turns whatever a client library threw into a `NodeRunError` the engine can act on: 429, 5xx,
 * time-outs, cut streams and unreachable servers are retryable, everything else is not.
 * Secrets are redacted from every message.
 */
export function providerError(
  error: unknown,
  subject: RequestSubject,
  headers?: Headers,
): NodeRunError {
  if (error instanceof NodeRunError) return error;
  const http = httpFailure(error, headers);
  const raw =
    http && http.status >= 400 ? fromStatus(http, subject) : fromTransport(error, subject);
  const message = redact(raw.message, subject.env);
  return new NodeRunError(raw.code, message, {
    retryable: raw.retryable,
    ...(raw.retryAfterMs === undefined ? {} : { retryAfterMs: raw.retryAfterMs }),
    cause: error,
  });
}

/** A failure Weft itself noticed in an answer: a stream that stopped, a body that is not JSON. */
export function badAnswer(
  code: 'stream_cut' | 'bad_response',
  subject: RequestSubject,
  what: string,
) {
  const name = providerName(subject.provider);
  const message =
    code === 'stream_cut'
      ? `${name} cut off the answer of model \`${subject.model}\` before it was complete (${what}); another attempt may succeed`
      : `${name} at ${subject.target} gave an answer that is not what its API promises (${what}); check that the URL points at a server that speaks the ${name} API`;
  return new NodeRunError(code, redact(message, subject.env), { retryable: code === 'stream_cut' });
}

function fromStatus(http: HttpFailure, subject: RequestSubject): NodeRunError {
  const { status, detail, retryAfterMs } = http;
  const name = providerName(subject.provider);
  const model = `\`${subject.model}\``;
  const keyVar = subject.provider === 'openai' ? ENV.openaiKey : ENV.hfToken;
  const said = detail ? `: ${detail}` : '';
  if (status === 401) {
    return new NodeRunError(
      'provider_auth',
      `${name} refused the key (401): check ${keyVar}; it is missing, wrong or revoked`,
    );
  }
  if (status === 403) {
    return new NodeRunError(
      'provider_auth',
      `${name} denied access to model ${model} (403): the key in ${keyVar} may not be allowed to use it${said}`,
    );
  }
  if (status === 404) {
    return new NodeRunError(
      'model_not_found',
      `${name} has no model ${model} at ${subject.target} (404): check the node's \`model\` param (GET /api/providers lists the models the server offers)${said}`,
    );
  }
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : `; it asked to wait ${seconds(retryAfterMs)}`;
    return new NodeRunError(
      'rate_limited',
      `${name} is rate limiting requests (429)${wait}${said}`,
      {
        retryable: true,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
    );
  }
  if (status >= 500) {
    return new NodeRunError(
      'provider_error',
      `${name} failed on its side (${status}); another attempt may succeed${said}`,
      { retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    );
  }
  return new NodeRunError(
    'bad_request',
    `${name} refused the request for model ${model} (${status})${said}`,
  );
}

function fromTransport(error: unknown, subject: RequestSubject): NodeRunError {
  const name = providerName(subject.provider);
  const text = errorText(error);
  if (error instanceof SyntaxError) {
    return badAnswer('bad_response', subject, 'the body is not valid JSON');
  }
  if (error instanceof InferenceClientError) {
    // The HF client checks answers itself; its words say what did not match.
    const said = error.message.replace(/^Failed to perform inference: /, '');
    return badAnswer('bad_response', subject, said);
  }
  if (/terminated|other side closed|socket hang up|ECONNRESET|premature close/i.test(text)) {
    return badAnswer('stream_cut', subject, 'the connection closed');
  }
  const reason = /ECONNREFUSED/.test(text)
    ? 'connection refused'
    : /ENOTFOUND|EAI_AGAIN/.test(text)
      ? 'host not found'
      : text;
  return new NodeRunError(
    'provider_unreachable',
    `could not reach ${name} at ${subject.target} (${reason}); check that the server runs and the URL is right`,
    { retryable: true },
  );
}

/** `headers`: the failed response's, for clients that keep them to themselves (Hugging Face). */
function httpFailure(error: unknown, headers: Headers | undefined): HttpFailure | undefined {
  if (error instanceof APIError && typeof error.status === 'number') {
    const body = error.error as { message?: unknown } | undefined;
    const detail = typeof body?.message === 'string' ? body.message : '';
    return { status: error.status, detail, retryAfterMs: retryAfter(error.headers) };
  }
  if (error instanceof InferenceClientProviderApiError) {
    const detail = bodyMessage(error.httpResponse.body) ?? '';
    return { status: error.httpResponse.status, detail, retryAfterMs: retryAfter(headers) };
  }
  return undefined;
}

/**
 * Milliseconds a provider asked to wait: `retry-after-ms` (OpenAI's own), then `retry-after`
 * in seconds or as an HTTP date.
 */
export function retryAfter(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const secs = Number(value);
  if (value.trim() !== '' && Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The error text in a provider's JSON error body: `{error}`, `{error: {message}}`, `{message}`. */
function bodyMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, message, detail } = body as Record<string, unknown>;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) return bodyMessage(error);
  if (typeof message === 'string') return message;
  return typeof detail === 'string' ? detail : undefined;
}

export function providerName(provider: ProviderId): string {
  return provider === 'openai' ? 'OpenAI' : provider === 'huggingface' ? 'Hugging Face' : 'local';
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` ${errorText(error.cause)}` : '';
  const code = (error as { code?: unknown }).code;
  return `${error.message}${typeof code === 'string' ? ` ${code}` : ''}${cause}`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
