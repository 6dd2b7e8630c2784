import type { Env } from '../../../../pipeline/node-type.ts';
import { concurrencyOf } from '../config.ts';
import { abortReason, limiterFor } from '../limiter.ts';

/**
 * Runs in-process model work under the `local` provider's limit (WEFT_LOCAL_CONCURRENCY,
 * default 1): the models share two cores with everything else, and one at a time finishes
 * each sooner than several interleaved.
 */
export async function runLocal<T>(
  env: Env,
  signal: AbortSignal,
  work: () => Promise<T>,
): Promise<T> {
  const release = await limiterFor('local', concurrencyOf('local', env)).acquire(signal);
  try {
    if (signal.aborted) throw abortReason(signal);
    return await work();
  } finally {
    release();
  }
}
