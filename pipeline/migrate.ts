import type { Problem } from './problems.ts';
import { FORMAT_VERSION } from './schema.ts';

type Migration = (file: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps from each older format version to the next, keyed by the version they read. Version 1 is
 * the first format, so the table is empty; a version 2 adds `1: (file) => ...` here.
 */
const MIGRATIONS: Record<number, Migration> = {};

/** Every format version this code can read. */
export const SUPPORTED_VERSIONS: number[] = [
  ...Object.keys(MIGRATIONS).map(Number),
  FORMAT_VERSION,
].sort((a, b) => a - b);

/**
 * Brings a parsed file of an older format version up to the current one. Refuses a version it
 * does not know (newer, or never existed), naming the version found and those it reads.
 */
export function migrate(input: unknown): { file: unknown } | { problem: Problem } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return problem([], 'invalid_file', 'a pipeline file must be a JSON object');
  }
  let file = input as Record<string, unknown>;
  const found = file.version;
  if (found === undefined) {
    return problem(
      ['version'],
      'invalid_file',
      `the file has no \`version\`; add "version": ${FORMAT_VERSION}`,
    );
  }
  if (typeof found !== 'number' || !SUPPORTED_VERSIONS.includes(found)) {
    const supported = SUPPORTED_VERSIONS.join(', ');
    return problem(
      ['version'],
      'unsupported_version',
      `the file is format version ${JSON.stringify(found)}; this Weft reads version ${supported}` +
        (typeof found === 'number' && found > FORMAT_VERSION ? ' (update Weft to open it)' : ''),
    );
  }
  for (let version = found; version < FORMAT_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step) file = { ...step(file), version: version + 1 };
  }
  return { file };
}

function problem(path: Problem['path'], code: Problem['code'], message: string) {
  return { problem: { code, path, message } };
}
