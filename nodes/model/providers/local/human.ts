import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { Config, Human, Result } from '@vladmandic/human';
import type { ImageValue } from '../../../../pipeline/values.ts';

/** A box in pixels of the (auto-oriented) image: left, top, width, height. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FoundObject {
  label: string;
  score: number;
  box: Box;
}

export interface FoundFace {
  score: number;
  box: Box;
  age?: number;
  gender?: string;
  emotion?: string;
}

export interface Detection {
  objects: FoundObject[];
  faces: FoundFace[];
  /** The size of the image the boxes refer to, after EXIF orientation was applied. */
  width: number;
  height: number;
}

const require = createRequire(import.meta.url);

/**
 * Where npm put human's models and the TensorFlow.js WebAssembly binaries. The package's
 * `exports` list subpaths without `./`, so its node-wasm build is found through its main file.
 */
function locations() {
  const humanDist = path.dirname(require.resolve('@vladmandic/human'));
  const wasmDist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  return {
    build: path.join(humanDist, 'human.node-wasm.js'),
    models: `${pathToFileURL(path.join(humanDist, '..', 'models')).href}/`,
    wasm: `${pathToFileURL(wasmDist).href}/`,
  };
}

/**
 * The node-wasm build loads models with the global `fetch`, and Node's fetch refuses `file:`
 * URLs. This lets `file:` URLs read from disk and hands every other request on unchanged, so
 * nothing is ever downloaded.
 */
function allowFileFetch(): void {
  const marker = Symbol.for('weft.fileFetch');
  const current = globalThis.fetch as typeof fetch & { [marker]?: true };
  if (current[marker]) return;
  const wrapped = async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('file:')) return new Response(await readFile(fileURLToPath(url)));
    return current(input, init);
  };
  globalThis.fetch = Object.assign(wrapped, { [marker]: true as const });
}

/** Low thresholds here; the node filters by its own `minScore` param afterwards. */
function config(where: ReturnType<typeof locations>): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: where.wasm,
    modelBasePath: where.models,
    debug: false,
    cacheModels: false,
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 50, minConfidence: 0.2, return: false },
      mesh: { enabled: false },
      iris: { enabled: false },
      description: { enabled: true },
      emotion: { enabled: true },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    object: { enabled: true, modelPath: 'centernet.json', minConfidence: 0.2, maxDetected: 50 },
    filter: { enabled: false },
  } as Partial<Config>;
}

let loaded: Promise<Human> | undefined;

/** The one detector of the process, loaded on first use (about half a second) and kept. */
function detector(): Promise<Human> {
  if (loaded) return loaded;
  const loading = (async () => {
    allowFileFetch();
    const where = locations();
    const { Human: HumanClass } = require(where.build) as {
      Human: new (c: Partial<Config>) => Human;
    };
    const human = new HumanClass(config(where));
    await human.load();
    return human;
  })();
  // A detector that failed to load is forgotten, so the next run tries again.
  loading.catch(() => {
    if (loaded === loading) loaded = undefined;
  });
  loaded = loading;
  return loading;
}

/** Objects (80 COCO labels) and faces in an image, with boxes, on the WebAssembly backend. */
export async function detect(image: ImageValue): Promise<Detection> {
  const human = await detector();
  const { data, info } = await sharp(image.data)
    .rotate()
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = human.tf.tensor3d(new Uint8Array(data), [info.height, info.width, 3], 'int32');
  const batch = human.tf.expandDims(pixels, 0);
  let result: Result;
  try {
    result = await human.detect(batch as never);
  } finally {
    human.tf.dispose([pixels, batch]);
  }
  if (result.error) throw new Error(`the detector failed: ${result.error}`);
  return {
    width: info.width,
    height: info.height,
    objects: result.object.map((o) => ({
      label: o.label,
      score: round(o.score),
      box: boxOf(o.box),
    })),
    faces: result.face.map((f) => {
      const face: FoundFace = { score: round(f.score), box: boxOf(f.box) };
      if (typeof f.age === 'number') face.age = Math.round(f.age);
      if (f.gender && f.gender !== 'unknown') face.gender = f.gender;
      const mood = f.emotion?.[0]?.emotion;
      if (mood) face.emotion = mood;
      return face;
    }),
  };
}

/** "3 persons, 1 wine glass; 3 faces" — what a caption says when no captioning model exists. */
export function summarize({ objects, faces }: Pick<Detection, 'objects' | 'faces'>): string {
  const counts = new Map<string, number>();
  for (const { label } of objects) counts.set(label, (counts.get(label) ?? 0) + 1);
  const things = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, n]) => `${n} ${n === 1 ? label : plural(label)}`);
  const parts = [things.length ? things.join(', ') : 'no objects it knows'];
  if (faces.length) parts.push(`${faces.length} face${faces.length === 1 ? '' : 's'}`);
  return parts.join('; ');
}

function plural(label: string): string {
  if (label === 'person') return 'persons';
  return /(s|sh|ch|x)$/.test(label) ? `${label}es` : `${label}s`;
}

function boxOf([x, y, width, height]: [number, number, number, number]): Box {
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
  };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
