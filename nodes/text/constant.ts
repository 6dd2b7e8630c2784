import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';

const params = z.object({
  text: z
    .string()
    .max(1_000_000)
    .default('')
    .meta({ title: 'Text', description: 'The text this node always gives.' }),
});

export const constantNode: NodeDefinition<z.infer<typeof params>> = {
  type: 'text.constant',
  title: 'Text',
  description: 'A fixed text written into the pipeline, such as a prompt or a separator.',
  category: 'text',
  version: 1,
  inputs: [],
  outputs: [{ id: 'text', type: 'text' }],
  params,
  async run({ params }) {
    return { text: params.text };
  },
};
