import { TimeoutError } from '../../../pipeline/errors.ts';
import type { Env } from '../../../pipeline/node-type.ts';
import { concurrencyOf, requestTimeoutMs, type ProviderId } from './config.ts';
import { providerError, providerName, type RequestSubject } from './errors.ts';
import { abortReason, limiterFor } from './limiter.ts';

export interface ProviderCall {
  provider: ProviderId;
  model: string;
  /** Where the request goes, for messages; never with a key. */
  target: string;
  env: Env;
  /** The node's signal: cancelling the run aborts the request. */
  signal: AbortSignal;
}

/**
 * Runs one provider request: waits for a slot under the provider's limit, gives the request a
 * signal that fires on cancel or time-out, and turns any failure into a `NodeRunError`.
 * `headers` lets a client that hides them report the failed response's headers (retry-after).
 */
export async function callProvider<T>(
  call: ProviderCall,
  request: (signal: AbortSignal, onHeaders: (headers: Headers) => void) => Promise<T>,
): Promise<T> {
  const { provider, env, signal } = call;
  const release = await limiterFor(provider, concurrencyOf(provider, env)).acquire(signal);
  const timeoutMs = requestTimeoutMs(env);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  let headers: Headers | undefined;
  try {
    return await request(AbortSignal.any([signal, deadline.signal]), (h) => (headers = h));
  } catch (error) {
    if (signal.aborted) throw abortReason(signal);
    if (deadline.signal.aborted) {
      throw new TimeoutError(
        `${providerName(provider)} did not answer within ${timeoutMs / 1000} s (model \`${call.model}\`); raise WEFT_MODEL_TIMEOUT_MS or try again`,
      );
    }
    throw providerError(error, subjectOf(call), headers);
  } finally {
    clearTimeout(timer);
    release();
  }
}

export function subjectOf(call: ProviderCall): RequestSubject {
  const { provider, model, target, env } = call;
  return { provider, model, target, env };
}
