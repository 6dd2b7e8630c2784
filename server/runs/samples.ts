import { promises as fs } from 'node:fs';
import path from 'node:path';
import { samplesOf } from '../storage/examples.ts';
import type { Example } from '../storage/examples.ts';
import type { RawInput } from './inputs.ts';

/** The sample files of an example pipeline as raw inputs, by the input each one feeds. */
export async function sampleInputs(
  examples: readonly Example[],
  pipelineId: string | null,
): Promise<Record<string, RawInput>> {
  const example = pipelineId === null ? undefined : samplesOf(examples, pipelineId);
  const inputs: Record<string, RawInput> = {};
  for (const sample of example?.samples ?? []) {
    const data = await fs.readFile(path.join(example?.dir ?? '', sample.file));
    inputs[sample.input] = { kind: 'file', data: new Uint8Array(data), filename: sample.file };
  }
  return inputs;
}
