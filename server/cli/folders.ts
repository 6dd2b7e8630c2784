import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './io.ts';

/**
 * Refuses a folder setting that names a file, or a path inside one, before any work is done:
 * found only when the first image is written, the run's outputs would be lost. A folder that
 * does not exist yet is fine; it is created when something is written to it. `setting` names
 * the flag or variable the folder came from, e.g. `--out`.
 */
export function checkFolder(setting: string, dir: string, cwd: string): void {
  for (let at = path.resolve(cwd, dir); ; at = path.dirname(at)) {
    const kind = kindOf(at);
    if (kind === 'folder') return;
    if (kind === 'file') {
      const inside = at === path.resolve(cwd, dir) ? '' : ` (${at} is a file)`;
      throw new UsageError(`${setting}: ${dir} is not a folder${inside}; give a folder`);
    }
    if (path.dirname(at) === at) return;
  }
}

function kindOf(at: string): 'folder' | 'file' | undefined {
  try {
    const stat = statSync(at, { throwIfNoEntry: false });
    return stat === undefined ? undefined : stat.isDirectory() ? 'folder' : 'file';
  } catch (error) {
    // ENOTDIR: a part of the path above is a file; the walk up finds it.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
