/**
 * The execution engine: one function that runs a checked pipeline, used alike by the server,
 * the CLI and the tests, and the result caches it can share between runs.
 */
export { runPipeline, DEFAULT_CONCURRENCY } from './run.ts';
export { MemoryCache } from './memory-cache.ts';
export { DirectoryCache } from './directory-cache.ts';
export type {
  NodeOutcome,
  NodeStatus,
  NodeTypeLookup,
  ResultCache,
  RunOptions,
  RunPipeline,
  RunResult,
} from './types.ts';
