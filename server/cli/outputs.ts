import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageValue, JsonValue, Value } from '../../pipeline/values.ts';
import { isImage } from '../../pipeline/values.ts';
import { extensionOf } from '../storage/artifacts.ts';

/** An image output as `--json` shows it: where it was written, and what it is. */
interface WrittenImage {
  kind: 'image';
  path: string;
  mediaType: string;
  width: number;
  height: number;
  bytes: number;
}

/**
 * Writes image outputs as files under `outDir` (named after the output, with the item index
 * for a list) and returns the outputs with each image replaced by where it went.
 */
export function writeImages(
  outputs: Record<string, Value>,
  outDir: string,
  cwd: string,
): Record<string, JsonValue> {
  const write = (image: ImageValue, stem: string): WrittenImage => {
    const file = path.join(outDir, `${stem}.${extensionOf(image.mediaType)}`);
    mkdirSync(path.resolve(cwd, outDir), { recursive: true });
    writeFileSync(path.resolve(cwd, file), image.data);
    const { mediaType, width, height } = image;
    return { kind: 'image', path: file, mediaType, width, height, bytes: image.data.byteLength };
  };
  const result: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(outputs)) {
    const stem = name.replace(/[^A-Za-z0-9_.-]/g, '_');
    if (isImage(value)) result[name] = write(value, stem) as unknown as JsonValue;
    else if (Array.isArray(value) && value.some(isImage)) {
      result[name] = value.map((item, index) =>
        isImage(item) ? (write(item, `${stem}-${index}`) as unknown as JsonValue) : item,
      );
    } else result[name] = value as JsonValue;
  }
  return result;
}

/** Outputs for a person: one output alone as its bare value, several under `== name ==`. */
export function formatOutputs(outputs: Record<string, JsonValue>): string {
  const entries = Object.entries(outputs);
  const show = (value: JsonValue) => {
    if (typeof value === 'string') return value;
    const image = value as unknown as Partial<WrittenImage> | null;
    if (image?.kind === 'image' && typeof image.path === 'string') {
      return `${image.path} (${image.width}x${image.height} ${image.mediaType})`;
    }
    return JSON.stringify(value, null, 2);
  };
  if (entries.length === 1) return show(entries[0]?.[1] ?? null);
  return entries.map(([name, value]) => `== ${name} ==\n${show(value)}`).join('\n\n');
}
