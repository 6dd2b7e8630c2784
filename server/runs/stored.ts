import { createHash } from 'node:crypto';
import type { ImageValue, JsonValue, Value } from '../../pipeline/values.ts';
import { isImage } from '../../pipeline/values.ts';
import { extensionOf } from '../storage/artifacts.ts';
import { SAFE_NAME } from '../storage/files.ts';

/** A value kept as a file of the run; `url` is where `GET /api/runs/:id/artifacts/:name` serves it. */
export interface ArtifactRef {
  kind: 'image' | 'file';
  artifact: string;
  url: string;
  mediaType: string;
  bytes: number;
  width?: number;
  height?: number;
}

/** A value as history keeps it: small values inline, images and large values as artifacts. */
export type StoredValue = JsonValue | ArtifactRef;

/** Values whose JSON is longer than this are kept as a file rather than in the database. */
export const INLINE_LIMIT = 256 * 1024;

const safePart = (part: string) => {
  const clean = part.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60);
  if (clean === part && SAFE_NAME.test(part)) return part;
  // A part must start with a letter or digit (SAFE_NAME), or the store refuses the name and
  // the run is never recorded; two ids that clean to the same text still get different files.
  const lead = /^[A-Za-z0-9]/.test(clean) ? clean : `x${clean}`;
  return `${lead}-${createHash('sha1').update(part).digest('hex').slice(0, 8)}`;
};

/** The artifact name of one output: `<node>.<port>[.<item>].<ext>`. */
export function outputArtifactName(nodeId: string, port: string, ext: string, item?: number) {
  const parts = [safePart(nodeId), safePart(port)];
  if (item !== undefined) parts.push(String(item));
  return [...parts, ext].join('.');
}

/** The artifact name of a run's input: `in-<name>.<ext>` (two parts, so never an output's). */
export const inputArtifactName = (name: string, ext: string) => `in-${safePart(name)}.${ext}`;

/** The artifact name of a named pipeline output: `out-<name>[.<item>].<ext>`. */
export function runOutputArtifactName(name: string, ext: string, item?: number) {
  return [`out-${safePart(name)}`, ...(item === undefined ? [] : [String(item)]), ext].join('.');
}

/** Where `GET /api/runs/:id/artifacts/:name` serves an artifact. */
export const artifactUrl = (id: string, name: string) =>
  `/api/runs/${encodeURIComponent(id)}/artifacts/${encodeURIComponent(name)}`;

/**
 * Writes an artifact and says where it is. The same bytes passed twice in one run (a node's
 * output and the pipeline output it feeds) may come back under the name they were first saved as.
 */
export type SaveArtifact = (
  name: string,
  data: Uint8Array | string,
) => Promise<{ artifact: string; url: string }>;

function imageRef(
  { artifact, url }: { artifact: string; url: string },
  image: ImageValue,
): ArtifactRef {
  const { mediaType, width, height } = image;
  return { kind: 'image', artifact, url, mediaType, width, height, bytes: image.data.byteLength };
}

/**
 * Turns a value into what history keeps. `name` builds the artifact name of an image (with the
 * item index inside a list) or of a large value; `save` writes the file and returns its URL.
 */
export async function storeValue(
  value: Value | undefined,
  name: (ext: string, item?: number) => string,
  save: SaveArtifact,
): Promise<StoredValue> {
  if (value === undefined) return null;
  if (isImage(value)) {
    return imageRef(await save(name(extensionOf(value.mediaType)), value.data), value);
  }
  if (Array.isArray(value) && value.some(isImage)) {
    return Promise.all(
      value.map(async (item, index) => {
        if (!isImage(item)) return item;
        const saved = await save(name(extensionOf(item.mediaType), index), item.data);
        return imageRef(saved, item) as unknown as JsonValue;
      }),
    );
  }
  const text = JSON.stringify(value);
  if (text.length <= INLINE_LIMIT) return value;
  const artifact = name('json');
  const url = await save(artifact, text);
  return {
    kind: 'file',
    artifact,
    url,
    mediaType: 'application/json',
    bytes: Buffer.byteLength(text),
  };
}

/** Stores every value of a record, keyed as given. */
export async function storeAll(
  values: Record<string, Value | undefined>,
  name: (key: string, ext: string, item?: number) => string,
  save: SaveArtifact,
): Promise<Record<string, StoredValue>> {
  const entries = await Promise.all(
    Object.entries(values).map(
      async ([key, value]) =>
        [key, await storeValue(value, (ext, item) => name(key, ext, item), save)] as const,
    ),
  );
  return Object.fromEntries(entries);
}
