import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pipelineInputs } from '../../pipeline/io.ts';
import type { IoLookup } from '../../pipeline/io.ts';
import { PipelineFileSchema } from '../../pipeline/schema.ts';
import { isArtifactName, mediaTypeOfName } from './artifacts.ts';
import { SAFE_NAME, readIfExists, writeAtomic } from './files.ts';
import type { PipelineStore } from './pipelines.ts';

/** A sample input file beside an example: `image.png` feeds the input named `image`. */
export interface Sample {
  input: string;
  file: string;
  mediaType: string;
  bytes: number;
}

/** A pipeline shipped in `examples/<slug>/pipeline.json`, saved as `example-<slug>`. */
export interface Example {
  slug: string;
  id: string;
  name: string;
  description?: string;
  dir: string;
  samples: Sample[];
}

/** Reads every example folder; one that does not hold a readable pipeline is left out. */
export async function loadExamples(examplesDir: string, lookup: IoLookup): Promise<Example[]> {
  let slugs: string[];
  try {
    slugs = (await fs.readdir(examplesDir)).filter((slug) => SAFE_NAME.test(`example-${slug}`));
  } catch {
    return [];
  }
  const examples = await Promise.all(
    slugs.sort().map((slug) => loadExample(path.join(examplesDir, slug), slug, lookup)),
  );
  return examples.filter((example): example is Example => example !== undefined);
}

async function loadExample(dir: string, slug: string, lookup: IoLookup) {
  const text = await readIfExists(path.join(dir, 'pipeline.json')).catch(() => undefined);
  if (text === undefined) return undefined;
  let parsed;
  try {
    parsed = PipelineFileSchema.safeParse(JSON.parse(text.toString('utf8')));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  const inputs = new Set(pipelineInputs(parsed.data, lookup).map((input) => input.name));
  const samples: Sample[] = [];
  for (const file of (await fs.readdir(dir)).sort()) {
    const input = file.replace(/\.[^.]+$/, '');
    if (file === 'pipeline.json' || !inputs.has(input) || !isArtifactName(file)) continue;
    const { size } = await fs.stat(path.join(dir, file));
    samples.push({ input, file, mediaType: mediaTypeOfName(file), bytes: size });
  }
  const example: Example = { slug, id: `example-${slug}`, name: parsed.data.name, dir, samples };
  if (parsed.data.description !== undefined) example.description = parsed.data.description;
  return example;
}

/**
 * Saves each example as a pipeline the first time this data folder sees it. A marker file
 * remembers which were seeded, so an example the user deleted does not come back.
 */
export async function seedExamples(
  examples: readonly Example[],
  store: PipelineStore,
  dataDir: string,
): Promise<string[]> {
  const marker = path.join(dataDir, 'seeded-examples.json');
  const seen = new Set<string>(parseList(await readIfExists(marker)));
  const fresh = examples.filter((example) => !seen.has(example.slug));
  const seeded: string[] = [];
  for (const example of fresh) {
    if (!(await store.has(example.id))) {
      const text = await fs.readFile(path.join(example.dir, 'pipeline.json'), 'utf8');
      await store.put(example.id, JSON.parse(text));
      seeded.push(example.id);
    }
    seen.add(example.slug);
  }
  if (fresh.length) await writeAtomic(marker, `${JSON.stringify([...seen].sort(), null, 2)}\n`);
  return seeded;
}

function parseList(data: Buffer | undefined): string[] {
  if (!data) return [];
  try {
    const list: unknown = JSON.parse(data.toString('utf8'));
    return Array.isArray(list) ? list.filter((item) => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/** The sample files of a saved pipeline: those of the example it was seeded from. */
export function samplesOf(examples: readonly Example[], pipelineId: string): Example | undefined {
  return examples.find((example) => example.id === pipelineId);
}
