import { CancelledError, TimeoutError, WeftError, isRetryable } from '../../pipeline/errors.ts';
import type { NodeError } from '../../pipeline/events.ts';

/** Wait before the first retry when the node's policy sets none; doubled for each further one. */
export const DEFAULT_BACKOFF_MS = 1000;

export interface AttemptOptions {
  /** How the node is named in messages: "node `ocr` (image.ocr)". */
  name: string;
  /** Aborts when the run is cancelled. */
  runSignal: AbortSignal;
  timeoutMs: number | undefined;
  retries: number;
  backoffMs: number;
  /** Called as each attempt starts, from 1. */
  onStart(attempt: number): void;
  /** Called when an attempt failed and another one will follow. */
  onRetry(error: NodeError, attempt: number, durationMs: number): void;
}

/** The error a node attempt ended with, named and coded for events and results. */
export class AttemptError extends Error {
  constructor(
    readonly error: NodeError,
    readonly attempts: number,
  ) {
    super(error.message);
  }
}

/**
 * Runs `work` until it succeeds, giving each attempt its own signal and time-out. Only errors a
 * node marks retryable (and time-outs) earn another attempt, after an exponential backoff or
 * the wait the provider asked for, whichever is longer.
 */
export async function withRetries<T>(
  work: (signal: AbortSignal, attempt: number) => Promise<T>,
  options: AttemptOptions,
): Promise<{ value: T; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    options.onStart(attempt);
    const started = performance.now();
    try {
      return { value: await attemptOnce(work, attempt, options), attempts: attempt };
    } catch (caught) {
      const cancelled = options.runSignal.aborted;
      const error = cancelled ? new CancelledError() : caught;
      const described = describeError(error, options.name);
      if (cancelled || attempt > options.retries || !isRetryable(error)) {
        throw new AttemptError(described, attempt);
      }
      options.onRetry(described, attempt, performance.now() - started);
      const asked = (error as { retryAfterMs?: number }).retryAfterMs ?? 0;
      await sleep(Math.max(options.backoffMs * 2 ** (attempt - 1), asked), options.runSignal).catch(
        () => {
          throw new AttemptError(describeError(new CancelledError(), options.name), attempt);
        },
      );
    }
  }
}

async function attemptOnce<T>(
  work: (signal: AbortSignal, attempt: number) => Promise<T>,
  attempt: number,
  { name, runSignal, timeoutMs }: AttemptOptions,
): Promise<T> {
  if (runSignal.aborted) throw new CancelledError();
  // Without a time-out the run's own signal is all a node needs; a signal per attempt costs
  // more than the cheapest nodes themselves.
  if (timeoutMs === undefined) return untilAborted(start(work, runSignal, attempt), runSignal);

  const controller = new AbortController();
  const onCancel = () => controller.abort(new CancelledError());
  runSignal.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(() => {
    const fix = 'raise its `policy.timeoutMs` or the run time-out';
    controller.abort(new TimeoutError(`${name} timed out after ${timeoutMs} ms; ${fix}`));
  }, timeoutMs);
  try {
    return await untilAborted(start(work, controller.signal, attempt), controller.signal);
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', onCancel);
  }
}

function start<T>(
  work: (signal: AbortSignal, attempt: number) => Promise<T>,
  signal: AbortSignal,
  attempt: number,
): Promise<T> {
  try {
    return work(signal, attempt);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts: a node that
 * ignores its signal cannot hold up a cancelled run or outlive its time-out.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Resolves after `ms`, or rejects at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A thrown value as `{ code, message }`, the message naming the node when it does not yet. */
export function describeError(error: unknown, name: string): NodeError {
  const code = error instanceof WeftError ? error.code : 'node_error';
  const text = messageOf(error);
  const message = text.startsWith('node `')
    ? text
    : `${name}: ${text || 'failed without a message'}`;
  return { code, message };
}

/**
 * The message of anything a node may throw: an Error, or what libraries throw instead (JSONata
 * a plain object with a message, some a string or nothing at all).
 */
function messageOf(error: unknown): string {
  // JavaScript's own words for a text or list past its largest size say nothing of the fix.
  if (error instanceof RangeError && /^Invalid (string|array) length$/.test(error.message)) {
    return 'the result is too long to hold in memory (a text stops at about 500 million characters); make the inputs smaller';
  }
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  let shown: string | undefined;
  try {
    shown = JSON.stringify(error);
  } catch {
    // A cycle, or a BigInt: the plain text form says enough.
  }
  return `it threw ${(shown ?? String(error)).slice(0, 200)}`;
}
