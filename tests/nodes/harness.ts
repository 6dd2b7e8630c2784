import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeContext, NodeDefinition } from '../../pipeline/node-type.ts';
import type { ImageValue, Value } from '../../pipeline/values.ts';
import { imageFromBytes } from '../../nodes/image/sharp-image.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What a node reported through its context while it ran. */
export interface Reports {
  progress: { fraction: number; message?: string }[];
  logs: string[];
}

/**
 * Runs one node the way the engine does: params parsed through the node's own schema (so
 * defaults apply), a signal, and a context that records what the node reports.
 */
export async function runNodeReporting(
  definition: NodeDefinition<any>,
  inputs: Record<string, Value | undefined> = {},
  params: Record<string, unknown> = {},
  signal: AbortSignal = new AbortController().signal,
): Promise<{ outputs: Record<string, Value | undefined>; reports: Reports }> {
  const reports: Reports = { progress: [], logs: [] };
  const context: NodeContext = {
    nodeId: 'under-test',
    progress: (fraction, message) =>
      reports.progress.push(message === undefined ? { fraction } : { fraction, message }),
    stream: () => {},
    log: (message) => reports.logs.push(message),
    usage: () => {},
    env: {},
  };
  const parsed = definition.params.parse(params);
  const outputs = await definition.run({ inputs, params: parsed, signal, context });
  return { outputs, reports };
}

/** Runs one node and gives its outputs by port. */
export async function runNode(
  ...args: Parameters<typeof runNodeReporting>
): Promise<Record<string, Value | undefined>> {
  return (await runNodeReporting(...args)).outputs;
}

/** One of the example images, read as the CLI would read `--input image=@file`. */
export async function exampleImage(relativePath: string): Promise<ImageValue> {
  return imageFromBytes(await readFile(path.join(root, relativePath)));
}

export function asImage(value: Value | undefined): ImageValue {
  if (typeof value !== 'object' || value === null || !('kind' in value) || value.kind !== 'image') {
    throw new Error(`expected an image, got ${JSON.stringify(value)}`);
  }
  return value as ImageValue;
}
