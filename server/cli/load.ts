import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkPipeline } from '../../pipeline/check.ts';
import type { CheckResult } from '../../pipeline/check.ts';
import type { Env } from '../../pipeline/node-type.ts';
import type { Problem } from '../../pipeline/problems.ts';
import { registry } from '../../nodes/index.ts';
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

/**
 * Reads and checks a pipeline file. A file that cannot be read is a usage error; one that is
 * not JSON is reported like any other problem of the file.
 */
export function loadPipeline(file: string, io: CliIo, env?: Env): CheckResult {
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
  return checkPipeline(json, registry, env ? { env } : {});
}

/** One problem on one line: `<node or edge id> <path>: <message>`. */
export function problemLine(problem: Problem): string {
  const id = problem.nodeId ?? problem.edgeId ?? '-';
  const where = problem.path.length ? problem.path.join('.') : '-';
  return `${id} ${where}: ${problem.message}`;
}
