import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SAFE_NAME, readIfExists, writeAtomic } from './files.ts';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/tiff': 'tiff',
  'image/svg+xml': 'svg',
  'application/json': 'json',
  'text/plain': 'txt',
};

const MEDIA_TYPES = Object.fromEntries(Object.entries(EXTENSIONS).map(([t, e]) => [e, t]));
MEDIA_TYPES.jpeg = 'image/jpeg';
MEDIA_TYPES.tif = 'image/tiff';

export const extensionOf = (mediaType: string) => EXTENSIONS[mediaType] ?? 'bin';
export const mediaTypeOfName = (name: string) =>
  MEDIA_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** An artifact name: dot-separated safe parts, so it can never climb out of its run's folder. */
export const isArtifactName = (name: string) =>
  name.length <= 300 && name.split('.').every((part) => SAFE_NAME.test(part));

/** A run id, as the server makes them (a UUID), or anything else safe as a folder name. */
export const isRunId = (id: string) => SAFE_NAME.test(id);

/** Files a run produced (image outputs, large values), one folder per run. */
export class ArtifactStore {
  constructor(readonly dir: string) {}

  #path(runId: string, name: string): string {
    if (!isRunId(runId) || !isArtifactName(name)) {
      throw new Error(`"${runId}/${name}" is not a safe artifact path`);
    }
    return path.join(this.dir, runId, name);
  }

  async save(runId: string, name: string, data: Uint8Array | string): Promise<void> {
    await writeAtomic(this.#path(runId, name), data);
  }

  async read(runId: string, name: string): Promise<Buffer | undefined> {
    return readIfExists(this.#path(runId, name));
  }

  async list(runId: string): Promise<string[]> {
    if (!isRunId(runId)) return [];
    try {
      return (await fs.readdir(path.join(this.dir, runId))).filter(isArtifactName).sort();
    } catch {
      return [];
    }
  }

  async remove(runId: string): Promise<void> {
    if (isRunId(runId)) await fs.rm(path.join(this.dir, runId), { recursive: true, force: true });
  }
}
