import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from '../pipeline/node-type.ts';
import type { Registry } from '../pipeline/registry.ts';
import { registry as catalogue } from '../nodes/index.ts';
import { MemoryCache, runPipeline } from './engine/index.ts';
import type { RunPipeline } from './engine/types.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { RunManager } from './runs/manager.ts';
import { markInterrupted } from './runs/recovery.ts';
import { ArtifactStore } from './storage/artifacts.ts';
import { loadExamples, seedExamples } from './storage/examples.ts';
import type { Example } from './storage/examples.ts';
import { RunHistory } from './storage/history.ts';
import { PipelineStore } from './storage/pipelines.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Everything the routes use, built once per server from its config. */
export interface Services {
  config: Config;
  logger: Logger;
  /** What runs and preflight checks see: provider keys and URLs. */
  env: Env;
  registry: Registry;
  pipelines: PipelineStore;
  history: RunHistory;
  artifacts: ArtifactStore;
  runs: RunManager;
  examples: Example[];
  /** Where the built editor is; `/` says it is not built when there is no index.html here. */
  editorDir: string;
  close(): Promise<void>;
}

export interface ServiceOptions {
  config: Config;
  logger: Logger;
  env?: Env;
  registry?: Registry;
  runPipeline?: RunPipeline;
  examplesDir?: string;
  editorDir?: string;
}

/**
 * Opens the data folder: saved pipelines, run history (closing runs a killed server left
 * open as interrupted, pruning old ones) and artifacts, and seeds the examples once.
 */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const { config, logger } = options;
  const env = options.env ?? process.env;
  const registry = options.registry ?? catalogue;
  const pipelines = new PipelineStore(path.join(config.dataDir, 'pipelines'));
  const history = new RunHistory(path.join(config.dataDir, 'history.sqlite'));
  const artifacts = new ArtifactStore(path.join(config.dataDir, 'artifacts'));

  const interrupted = markInterrupted(history);
  if (interrupted.length) logger.warn({ runs: interrupted }, 'marked interrupted runs');

  const runs = new RunManager({
    history,
    artifacts,
    registry,
    runPipeline: options.runPipeline ?? runPipeline,
    pipelines: pipelines.lookup,
    cache: new MemoryCache(),
    env,
    logger,
    concurrency: config.concurrency,
    nodeTimeoutMs: config.nodeTimeoutMs,
    retention: { maxAgeDays: config.runMaxAgeDays, maxCount: config.runMaxCount },
  });
  await runs.prune();

  const examples = await loadExamples(options.examplesDir ?? path.join(ROOT, 'examples'), registry);
  const seeded = await seedExamples(examples, pipelines, config.dataDir);
  if (seeded.length) logger.info({ pipelines: seeded }, 'seeded example pipelines');

  return {
    config,
    logger,
    env,
    registry,
    pipelines,
    history,
    artifacts,
    runs,
    examples,
    editorDir: options.editorDir ?? path.join(ROOT, 'dist', 'editor'),
    async close() {
      await runs.close();
      history.close();
    },
  };
}
