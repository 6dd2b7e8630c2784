import { createRequire } from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';

/**
 * One tesseract.js worker for the whole process: starting one costs about half a second, so it
 * is created on first use and kept. Jobs go through it one at a time, because a job sets the
 * worker's parameters before it recognizes and two interleaved jobs would see each other's.
 */
let worker: Promise<Tesseract.Worker> | undefined;
let queue: Promise<unknown> = Promise.resolve();
let onProgress: ((fraction: number, status: string) => void) | undefined;

/**
 * The English LSTM model that npm installed. Passing `langPath` (and `cacheMethod: 'none'`) is
 * what keeps tesseract.js offline: by default it fetches the model from a CDN and caches it in
 * the working directory.
 */
function langPath(): string {
  const require = createRequire(import.meta.url);
  const data = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
  return path.join(data, '4.0.0_best_int');
}

/**
 * The worker thread under a tesseract.js worker (an untyped field of it). An idle thread is
 * unref'd so that it never keeps a finished CLI run alive; it is ref'd while it works.
 */
function thread(worker: Tesseract.Worker): { ref?(): void; unref?(): void } | undefined {
  return (worker as unknown as { worker?: { ref?(): void; unref?(): void } }).worker ?? undefined;
}

function getWorker(): Promise<Tesseract.Worker> {
  if (worker) return worker;
  const created = Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
    langPath: langPath(),
    gzip: true,
    cacheMethod: 'none',
    logger: (message) => onProgress?.(message.progress, message.status),
    // Without a handler tesseract.js rethrows a failed job inside its message listener, which
    // would crash the process; the job's own promise already carries the error.
    errorHandler: () => {},
  });
  worker = created;
  // Idle from the start: a run that is cancelled while the worker loads must not leave it ref'd.
  created.then(
    (ready) => thread(ready)?.unref?.(),
    () => {},
  );
  // A worker that failed to start is forgotten, so the next run tries again.
  created.catch(() => {
    if (worker === created) worker = undefined;
  });
  return created;
}

/**
 * Stops the shared OCR worker, if one is running, and frees its memory (the model and the wasm
 * engine). Call it when a server shuts down and in tests' `afterAll`; an idle worker does not
 * keep the process alive. The next OCR run starts a new one.
 */
export async function closeOcr(): Promise<void> {
  const current = worker;
  worker = undefined;
  if (!current) return;
  try {
    await (await current).terminate();
  } catch {
    // It never started, so there is nothing to stop.
  }
}

/** Settles with `work`, or rejects as soon as `signal` fires, calling `onAbort` first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(signal.reason);
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export interface RecognizeOptions {
  /** Tesseract's page segmentation mode, e.g. '3' (automatic) or '6' (one block). */
  pageSegMode: string;
  signal: AbortSignal;
  progress?: (fraction: number, status: string) => void;
}

/** Recognizes the text of a PNG or JPEG with the shared worker, after any job before it. */
export function recognize(image: Buffer, options: RecognizeOptions): Promise<Tesseract.Page> {
  const { signal } = options;
  const job = queue.then(async () => {
    signal.throwIfAborted();
    const ready = await untilAborted(getWorker(), signal);
    thread(ready)?.ref?.();
    onProgress = options.progress;
    try {
      await ready.setParameters({ tessedit_pageseg_mode: options.pageSegMode as Tesseract.PSM });
      // Recognition cannot be interrupted inside the worker, so a cancelled run stops the worker
      // itself: the CPU is freed at once and the next run starts a fresh one.
      const work = ready.recognize(image, {}, { text: true, blocks: true });
      const result = await untilAborted(work, signal, () => void closeOcr());
      return result.data;
    } finally {
      onProgress = undefined;
      thread(ready)?.unref?.();
    }
  });
  queue = job.catch(() => undefined);
  return untilAborted(job, signal);
}
