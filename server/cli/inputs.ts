import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RawInput } from '../runs/inputs.ts';
import { UsageError } from './io.ts';

/**
 * Reads `--input name=value` options. `name=@path` reads the file at path (relative to the
 * working directory); the input's port type decides later what its bytes or text become.
 */
export function parseInputOptions(options: string[], cwd: string): Record<string, RawInput> {
  const inputs: Record<string, RawInput> = {};
  for (const option of options) {
    const equals = option.indexOf('=');
    if (equals <= 0) {
      throw new UsageError(`--input takes name=value or name=@file, got "${option}"`);
    }
    const name = option.slice(0, equals);
    const value = option.slice(equals + 1);
    if (Object.hasOwn(inputs, name)) throw new UsageError(`--input ${name} is given twice`);
    inputs[name] = value.startsWith('@')
      ? readInputFile(name, value.slice(1), cwd)
      : { kind: 'text', text: value };
  }
  return inputs;
}

function readInputFile(name: string, file: string, cwd: string): RawInput {
  try {
    return {
      kind: 'file',
      data: new Uint8Array(readFileSync(path.resolve(cwd, file))),
      filename: file,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`--input ${name}=@${file}: cannot read the file (${code})`);
  }
}
