import { loadConfig } from '../config.ts';
import path from 'node:path';
import { pipelineInputs } from '../../pipeline/io.ts';
import type { NodeId } from '../../pipeline/ids.ts';
import { registry } from '../../nodes/index.ts';
import { DirectoryCache, runPipeline } from '../engine/index.ts';
import type { RunOptions } from '../engine/types.ts';
import { InputValueError, decodeInputs } from '../runs/inputs.ts';
import { checkFolder } from './folders.ts';
import { EXIT, UsageError, println } from './io.ts';
import type { CliIo, Parsed } from './io.ts';
import { parseInputOptions } from './inputs.ts';
import {
  fileArgument,
  loadPipeline,
  problemLine,
  savedPipelinesFor,
  savedPipelinesHint,
} from './load.ts';
import { formatOutputs, writeImages } from './outputs.ts';
import { progressReporter } from './progress.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** `weft run FILE`: runs a pipeline file on the inputs given and prints its outputs. */
export const runCommand = {
  options: {
    input: { type: 'string', short: 'i', multiple: true },
    out: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
    cache: { type: 'string' },
    'no-cache': { type: 'boolean' },
    'cache-all': { type: 'boolean' },
    'run-to': { type: 'string' },
    'run-from': { type: 'string' },
    pipelines: { type: 'string' },
  } as const,

  async run({ values, positionals }: Parsed, io: CliIo): Promise<number> {
    const file = fileArgument(positionals, 'run');
    const saved = savedPipelinesFor(values.pipelines, file, io);
    const { pipeline, problems } = loadPipeline(file, io, { env: io.env, ...saved });
    if (!pipeline || problems.length) {
      for (const problem of problems) println(io.stderr, problemLine(problem));
      const hint = savedPipelinesHint(problems, saved);
      if (hint) println(io.stderr, hint);
      println(io.stderr, `weft: ${file} cannot run; fix the problems above`);
      return EXIT.failed;
    }
    const outDir = text(values.out) ?? 'weft-out';
    checkFolder(values.out === undefined ? 'the output folder' : '--out', outDir, io.cwd);
    const cacheDir = text(values.cache) ?? io.env.WEFT_CACHE_DIR;
    const cached = cacheDir !== undefined && cacheDir !== '' && values['no-cache'] !== true;
    if (cached) {
      checkFolder(values.cache === undefined ? 'WEFT_CACHE_DIR' : '--cache', cacheDir, io.cwd);
    }
    const raw = parseInputOptions((values.input as string[] | undefined) ?? [], io.cwd);
    let inputs;
    try {
      inputs = await decodeInputs(pipelineInputs(pipeline, registry), raw);
    } catch (error) {
      if (error instanceof InputValueError) throw new UsageError(error.message);
      throw error;
    }

    const controller = new AbortController();
    const stop = () => controller.abort(new Error('cancelled with Ctrl+C'));
    process.once('SIGINT', stop);
    // The same limits as the server's, from the same variables.
    const { concurrency, nodeTimeoutMs } = loadConfig(io.env);
    const options: RunOptions = {
      registry,
      inputs,
      concurrency,
      nodeTimeoutMs,
      signal: controller.signal,
      env: io.env,
      onEvent: progressReporter(pipeline, io),
      ...saved,
      ...runTargets(values, new Set(pipeline.nodes.map((node) => node.id))),
    };
    if (cached) options.cache = new DirectoryCache(path.resolve(io.cwd, cacheDir));
    if (values['cache-all'] === true) options.cacheAll = true;
    const result = await runPipeline(pipeline, options).finally(() =>
      process.removeListener('SIGINT', stop),
    );

    if (result.status !== 'succeeded') {
      const message = result.error?.message ?? '';
      const named = result.error?.nodeId && !message.startsWith('node `');
      const where = named ? `node \`${result.error?.nodeId}\`: ` : '';
      println(io.stderr, `weft: the run ${result.status}: ${where}${message}`);
      return result.status === 'cancelled' ? EXIT.interrupted : EXIT.failed;
    }
    const outputs = writeImages(result.outputs, outDir, io.cwd);
    println(io.stdout, values.json === true ? JSON.stringify(outputs) : formatOutputs(outputs));
    return EXIT.ok;
  },
};

function runTargets(values: Parsed['values'], ids: Set<string>): Partial<RunOptions> {
  const targets: Partial<RunOptions> = {};
  for (const [flag, key] of [
    ['run-to', 'runTo'],
    ['run-from', 'runFrom'],
  ] as const) {
    const id = text(values[flag]);
    if (id === undefined) continue;
    if (!ids.has(id)) throw new UsageError(`--${flag}: the pipeline has no node "${id}"`);
    targets[key] = id as NodeId;
  }
  return targets;
}
