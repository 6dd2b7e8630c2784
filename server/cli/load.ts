import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PipelineLookup } from '../../pipeline/calls.ts';
import { checkPipeline } from '../../pipeline/check.ts';
import type { CheckOptions, CheckResult } from '../../pipeline/check.ts';
import type { Problem } from '../../pipeline/problems.ts';
import { registry } from '../../nodes/index.ts';
import { isPipelineId, savedPipelines } from '../storage/pipelines.ts';
import { UsageError } from './io.ts';
import type { CliIo } from './io.ts';

/** The one positional FILE of `run` and `validate`. */
export function fileArgument(positionals: string[], command: string): string {
  if (positionals.length === 0) throw new UsageError(`${command} needs a pipeline file`);
  if (positionals.length > 1) {
    throw new UsageError(`${command} takes one pipeline file, got ${positionals.length}`);
  }
  return positionals[0] as string;
}

/** The saved pipelines `pipeline.call` nodes may run, and the id of FILE among them. */
export interface SavedPipelines {
  pipelines: PipelineLookup;
  /** Set when FILE is itself one of them, so a call of itself is named as such. */
  pipelineId?: string;
}

/**
 * The saved pipelines of `--pipelines DIR`, or else of the `pipelines` folder of the data
 * folder (`WEFT_DATA_DIR`, then `./data`) when there is one; `undefined` when neither is there.
 */
export function savedPipelinesFor(
  flag: string | boolean | (string | boolean)[] | undefined,
  file: string,
  io: CliIo,
): SavedPipelines | undefined {
  let dir: string;
  if (typeof flag === 'string') {
    dir = path.resolve(io.cwd, flag);
    if (!isFolder(dir)) throw new UsageError(`--pipelines: ${flag} is not a folder`);
  } else {
    const data = io.env.WEFT_DATA_DIR?.trim() || './data';
    dir = path.resolve(io.cwd, data, 'pipelines');
    if (!isFolder(dir)) return undefined;
  }
  const saved: SavedPipelines = { pipelines: savedPipelines(dir) };
  const resolved = path.resolve(io.cwd, file);
  const id = path.basename(resolved, '.json');
  if (path.dirname(resolved) === dir && resolved.endsWith('.json') && isPipelineId(id)) {
    saved.pipelineId = id;
  }
  return saved;
}

/** What to do when calls were refused because no saved pipelines were found. */
export function savedPipelinesHint(
  problems: readonly Problem[],
  saved: SavedPipelines | undefined,
): string | undefined {
  if (saved || !problems.some((problem) => problem.code === 'unknown_pipeline')) return undefined;
  return 'weft: no saved pipelines to call: give --pipelines DIR, or keep them in the pipelines folder of WEFT_DATA_DIR (default ./data)';
}

function isFolder(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
}

/**
 * Reads and checks a pipeline file. A file that cannot be read is a usage error; one that is
 * not JSON is reported like any other problem of the file.
 */
export function loadPipeline(file: string, io: CliIo, options: CheckOptions = {}): CheckResult {
  let text: string;
  try {
    text = readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const problem: Problem = {
      code: 'invalid_file',
      path: [],
      message: `${file} is not valid JSON: ${(error as Error).message}`,
    };
    return { pipeline: undefined, problems: [problem] };
  }
  return checkPipeline(json, registry, options);
}

/** One problem on one line: `<node or edge id> <path>: <message>`. */
export function problemLine(problem: Problem): string {
  const id = problem.nodeId ?? problem.edgeId ?? '-';
  const where = problem.path.length ? problem.path.join('.') : '-';
  return `${id} ${where}: ${problem.message}`;
}
