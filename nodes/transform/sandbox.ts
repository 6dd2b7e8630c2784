import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { NodeRunError } from '../../pipeline/errors.ts';
import type { JsonValue, Value } from '../../pipeline/values.ts';

/**
 * Runs code a user wrote (a regular expression, a JSONata expression) on a thread of its own.
 * On the main thread such code can block the event loop for good: `(a+)+$` backtracks for
 * hours on a line of forty `a`s, and no time-out, cancel or HTTP request gets a turn. A thread
 * can be stopped at any time, so a job here ends at its time limit or when its run is cancelled.
 */

/** A job the thread knows, by kind; see sandbox-worker.js. */
export type SandboxJob =
  | { kind: 'matchAll'; pattern: string; flags: string; text: string; max: number }
  | { kind: 'split'; pattern: string; text: string }
  | { kind: 'test'; pattern: string; text: string }
  | { kind: 'jsonata'; expression: string; input: Value | undefined; options: JsonataOptions };

/** What `jsonata(expression, options)` takes: a time limit and the deepest recursion. */
interface JsonataOptions {
  timeout: number;
  stack: number;
  sequence: number;
}

/** What a job gives back, by kind. */
export interface SandboxResults {
  matchAll: { matches: JsonValue[]; more: boolean };
  split: (string | undefined)[];
  test: boolean;
  /** The result as JSON text, or undefined when the expression matched nothing. */
  jsonata: string | undefined;
}

/** The thread's answer to one job. */
type Reply =
  | { ok: true; value: unknown }
  | { ok: false; error: { message: string; position?: number; token?: string } };

/** An error the user's code threw, with where JSONata says it happened. */
export class SandboxError extends Error {
  constructor(
    message: string,
    readonly position?: number,
    readonly token?: string,
  ) {
    super(message);
  }
}

/** The job ran past its time limit and its thread was stopped. */
export class SandboxTimeout extends Error {}

const WORKER = new URL('./sandbox-worker.js', import.meta.url);
/** Threads kept for the next job; starting one costs tens of milliseconds. */
const MAX_IDLE = 2;
/** A job that builds more than this is stopped, rather than the whole server running out. */
const MAX_HEAP_MB = 1024;
/**
 * Threads that may run jobs at once, across every run: more would only share the same cores,
 * and each may hold up to MAX_HEAP_MB. Further jobs wait their turn; their time limit starts
 * when they do.
 */
const MAX_THREADS = Math.max(2, availableParallelism());
const idle: Worker[] = [];
let running = 0;
const queue: (() => void)[] = [];

/** Waits for a free thread, or rejects when the signal aborts first. */
function turn(signal: AbortSignal): Promise<void> {
  if (running < MAX_THREADS) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const go = () => {
      signal.removeEventListener('abort', leave);
      running++;
      resolve();
    };
    const leave = () => {
      queue.splice(queue.indexOf(go), 1);
      reject(signal.reason);
    };
    queue.push(go);
    signal.addEventListener('abort', leave, { once: true });
  });
}

function endTurn(): void {
  running--;
  queue.shift()?.();
}

function newWorker(): Worker {
  const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB } });
  worker.on('exit', () => {
    const index = idle.indexOf(worker);
    if (index >= 0) idle.splice(index, 1);
  });
  return worker;
}

/**
 * Runs one job on a sandbox thread. Rejects with `SandboxTimeout` after `timeoutMs`, with the
 * signal's reason when it aborts (the thread is stopped either way), and with `SandboxError`
 * when the user's code throws.
 */
export async function inSandbox<K extends SandboxJob['kind']>(
  job: Extract<SandboxJob, { kind: K }>,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<SandboxResults[K]> {
  options.signal.throwIfAborted();
  await turn(options.signal);
  try {
    return await runJob(job, options);
  } finally {
    endTurn();
  }
}

function runJob<K extends SandboxJob['kind']>(
  job: Extract<SandboxJob, { kind: K }>,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<SandboxResults[K]> {
  const { timeoutMs, signal } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  const worker = idle.pop() ?? newWorker();
  // An idle thread is unref'd so it never keeps a finished CLI run alive.
  worker.ref();

  return new Promise((resolve, reject) => {
    const settle = (reusable: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable && idle.length < MAX_IDLE) {
        worker.unref();
        idle.push(worker);
      } else void worker.terminate();
    };
    const onMessage = (reply: Reply) => {
      settle(true);
      if (reply.ok) resolve(reply.value as SandboxResults[K]);
      else reject(new SandboxError(reply.error.message, reply.error.position, reply.error.token));
    };
    const onError = (error: Error) => {
      settle(false);
      const code = (error as NodeJS.ErrnoException).code;
      const memory = code === 'ERR_WORKER_OUT_OF_MEMORY';
      reject(memory ? new SandboxError(`it used more than ${MAX_HEAP_MB} MB of memory`) : error);
    };
    const onExit = () => {
      settle(false);
      reject(new Error('the sandbox thread stopped unexpectedly'));
    };
    const onAbort = () => {
      settle(false);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      settle(false);
      reject(new SandboxTimeout(`it ran for more than ${timeoutMs} ms and was stopped`));
    }, timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    signal.addEventListener('abort', onAbort, { once: true });
    worker.postMessage(job);
  });
}

/** How long a regex in transform.split or control.if may run; neither has a setting for it. */
export const REGEX_TIME_LIMIT_MS = 5_000;

/**
 * Runs a regex job, turning a time-out into an error that says why a pattern can take that
 * long and what to change. `who` names the node type and param, e.g. "transform.split: the
 * separator".
 */
export async function regexInSandbox<K extends 'matchAll' | 'split' | 'test'>(
  job: Extract<SandboxJob, { kind: K }>,
  who: string,
  options: { timeoutMs: number; signal: AbortSignal; fix?: string },
): Promise<SandboxResults[K]> {
  try {
    return await inSandbox(job, options);
  } catch (error) {
    if (error instanceof SandboxTimeout) {
      const fix = options.fix ?? 'make it more specific';
      throw new NodeRunError(
        'regex_timeout',
        `${who} ran for more than ${options.timeoutMs} ms on this text and was stopped: it ` +
          `likely backtracks catastrophically (nested quantifiers such as \`(a+)+\`); ${fix}`,
      );
    }
    if (error instanceof SandboxError) {
      throw new NodeRunError('regex_failed', `${who} failed: ${error.message}`);
    }
    throw error;
  }
}
