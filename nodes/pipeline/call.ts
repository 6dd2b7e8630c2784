import { z } from 'zod';
import { NodeRunError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { Value } from '../../pipeline/values.ts';

// The names of a pipeline's inputs and outputs, as `ioName` allows them.
const portName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, {
  message: 'use the name of an input or output of the called pipeline',
});

const params = z.object({
  pipeline: z
    .string()
    .max(100)
    .default('')
    // The editor shows a picker of saved pipelines for this param, and on a pick fills the
    // params behind `dynamicInputs` and `dynamicOutputs` with that pipeline's names.
    .meta({
      title: 'Pipeline',
      description: 'The saved pipeline to run.',
      'x-weft-widget': 'pipeline',
    }),
  inputs: z
    .array(portName)
    .max(100)
    .default([])
    .meta({ title: 'Inputs', description: "The called pipeline's input names: one port each." }),
  outputs: z
    .array(portName)
    .max(100)
    .default([])
    .meta({ title: 'Outputs', description: "The called pipeline's output names: one port each." }),
});

export const callNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'pipeline.call',
  title: 'Call Pipeline',
  description:
    "Runs a saved pipeline as one node: the pipeline's inputs and outputs become its ports.",
  category: 'pipeline',
  version: 1,
  inputs: [],
  outputs: [],
  dynamicInputs: { param: 'inputs', kind: 'list', type: 'any' },
  dynamicOutputs: { param: 'outputs', kind: 'list', type: 'any' },
  calls: { param: 'pipeline' },
  params,
  async run({ inputs, params, signal, context }) {
    if (!context.runPipeline) {
      throw new NodeRunError(
        'no_pipelines',
        `pipeline.call: saved pipelines are not available to this run, so \`${params.pipeline}\` cannot be called; run it from the server`,
      );
    }
    const given: Record<string, Value> = {};
    for (const name of params.inputs) {
      const value = inputs[name];
      if (value !== undefined) given[name] = value;
    }
    const results = await context.runPipeline(params.pipeline, given, signal);
    const outputs: Record<string, Value | undefined> = {};
    for (const name of params.outputs) outputs[name] = results[name];
    return outputs;
  },
};
