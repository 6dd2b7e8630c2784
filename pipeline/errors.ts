/**
 * The errors a node throws while it runs. Each carries a stable `code`; the engine reads
 * `retryable` to decide whether another attempt may help (a provider's 429 or 5xx, a time-out)
 * and never retries anything else (a bad request, a malformed input).
 */
export class WeftError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export interface NodeRunErrorOptions {
  /** Another attempt may succeed (rate limit, server error, time-out). */
  retryable?: boolean;
  /** The provider asked to wait this long before the next attempt (e.g. `Retry-After`). */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A node could not produce its outputs. */
export class NodeRunError extends WeftError {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: NodeRunErrorOptions = {}) {
    super(code, message, { cause: options.cause });
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }

  /**
   * The error for a provider's HTTP answer: 429 and 5xx are worth another attempt, every other
   * status is a request that will fail the same way again.
   */
  static fromHttpStatus(status: number, message: string, retryAfterMs?: number): NodeRunError {
    const retryable = status === 429 || status >= 500;
    const code = status === 429 ? 'rate_limited' : status >= 500 ? 'provider_error' : 'bad_request';
    return new NodeRunError(code, message, {
      retryable,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
}

/** An input value the node cannot use, e.g. a list where a text was expected. Never retried. */
export class InputError extends NodeRunError {
  constructor(message: string) {
    super('bad_input', message);
  }
}

/** One attempt took longer than its time-out. Retryable: a slow provider may answer next time. */
export class TimeoutError extends NodeRunError {
  constructor(message: string) {
    super('timeout', message, { retryable: true });
  }
}

/** The run was cancelled while the node was working. */
export class CancelledError extends WeftError {
  constructor(message = 'the run was cancelled') {
    super('cancelled', message);
  }
}

/** Whether another attempt of the failed work may succeed. */
export function isRetryable(error: unknown): boolean {
  return error instanceof NodeRunError && error.retryable;
}
