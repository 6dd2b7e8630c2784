import { rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { nodeTypes } from '../../nodes/index.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { Registry } from '../../pipeline/registry.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createServices } from '../../server/services.ts';
import { tempDir } from '../fixtures/shared.ts';

export {
  OCR_IMAGE,
  PHOTO,
  QUICK_BROWN,
  ROOT,
  greetPipeline,
  oneLine,
  tempDir,
} from '../fixtures/shared.ts';

/** A node that waits `ms` (or until its run is cancelled), so a test can act mid-run. */
export const sleepNode: NodeDefinition<{ ms: number }> = {
  type: 'test.sleep',
  title: 'Sleep',
  description: 'Waits, then passes its input on.',
  category: 'transform',
  version: 1,
  inputs: [{ id: 'in', type: 'any', optional: true }],
  outputs: [{ id: 'out', type: 'any' }],
  params: z.object({ ms: z.number().default(50) }),
  run: ({ inputs, params, signal }) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve({ out: inputs.in ?? params.ms }), params.ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    }),
};

/** The real catalogue plus `test.sleep`. */
export const testRegistry = new Registry([...nodeTypes, sleepNode]);

export interface TestAppOptions {
  env?: Record<string, string>;
  dataDir?: string;
  examplesDir?: string;
  editorDir?: string;
}

/** The app on a fresh data folder, silent, called in-process with `app.request()`. */
export async function testApp(options: TestAppOptions = {}) {
  const dataDir = options.dataDir ?? tempDir();
  const env = { WEFT_DATA_DIR: dataDir, ...options.env };
  const services = await createServices({
    config: loadConfig(env),
    logger: createLogger({ level: 'silent' }),
    env,
    registry: testRegistry,
    examplesDir: options.examplesDir ?? tempDir('weft-no-examples-'),
    editorDir: options.editorDir ?? path.join(dataDir, 'no-editor'),
  });
  const app = createApp(services);
  return {
    app,
    services,
    dataDir,
    async close() {
      await services.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const at = { x: 0, y: 0 };

/** image input `image` -> OCR -> output `text`. */
export const ocrPipeline: PipelineFile = {
  version: 1,
  name: 'OCR',
  nodes: [
    { id: 'image', type: 'image.input', position: at, params: { name: 'image' } },
    { id: 'ocr', type: 'image.ocr', position: at, params: {} },
    { id: 'text', type: 'output.text', position: at, params: { name: 'text' } },
  ],
  edges: [
    { id: 'e1', source: 'image', sourcePort: 'image', target: 'ocr', targetPort: 'image' },
    { id: 'e2', source: 'ocr', sourcePort: 'text', target: 'text', targetPort: 'value' },
  ],
};

/** image input `photo` -> resize to 64 wide -> grayscale -> output `thumb`. */
export const thumbPipeline: PipelineFile = {
  version: 1,
  name: 'Thumb',
  nodes: [
    { id: 'photo', type: 'image.input', position: at, params: { name: 'photo' } },
    { id: 'small', type: 'image.resize', position: at, params: { width: 64 } },
    { id: 'thumb', type: 'output.image', position: at, params: { name: 'thumb' } },
  ],
  edges: [
    { id: 'e1', source: 'photo', sourcePort: 'image', target: 'small', targetPort: 'image' },
    { id: 'e2', source: 'small', sourcePort: 'image', target: 'thumb', targetPort: 'value' },
  ],
};

/** `test.sleep` for `ms` -> output `done`. */
export function sleepPipeline(ms: number): PipelineFile {
  return {
    version: 1,
    name: 'Sleepy',
    nodes: [
      { id: 'nap', type: 'test.sleep', position: at, params: { ms } },
      { id: 'done', type: 'output.json', position: at, params: { name: 'done' } },
    ],
    edges: [{ id: 'e1', source: 'nap', sourcePort: 'out', target: 'done', targetPort: 'value' }],
  };
}

/** Reads a whole SSE body into its events. */
export async function readEvents(response: Response): Promise<{ id: string; data: any }[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const lines = block.split('\n');
      const id = lines.find((l) => l.startsWith('id: '))?.slice(4) ?? '';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { id, data: JSON.parse(data) };
    });
}
