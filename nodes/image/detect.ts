import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { JsonValue } from '../../pipeline/values.ts';
import { drawBoxes, type Mark } from '../model/providers/local/draw.ts';
import { detect, summarize } from '../model/providers/local/human.ts';
import { runLocal } from '../model/providers/local/run.ts';
import { imageInput } from './sharp-image.ts';

const TYPE = 'image.detect';

const Params = z.object({
  minScore: z
    .number()
    .min(0.05)
    .max(1)
    .default(0.3)
    .describe('Keep only what the detector is at least this sure of (0 to 1)'),
  objects: z
    .boolean()
    .default(true)
    .describe('Find objects (80 everyday kinds: person, car, cup, ...)'),
  faces: z
    .boolean()
    .default(true)
    .describe('Find faces, with an estimate of age, gender and emotion'),
  labels: z.boolean().default(true).describe('Write the label and score beside each box drawn'),
});
type Params = z.infer<typeof Params>;

/**
 * Finds objects and faces offline with `@vladmandic/human` on the WebAssembly TensorFlow.js
 * backend, from the models npm installed; nothing is downloaded.
 */
export const detectNode: NodeDefinition<Params> = {
  type: TYPE,
  title: 'Detect objects and faces',
  description:
    'Find objects and faces in a photo, offline: boxes as JSON and the image with them drawn',
  category: 'image',
  version: 1,
  inputs: [{ id: 'image', type: 'image', description: 'The photo to search' }],
  outputs: [
    { id: 'image', type: 'image', description: 'The photo with a box around everything found' },
    {
      id: 'objects',
      type: 'json',
      description: '[{ label, score, box: { x, y, width, height } }]',
    },
    { id: 'faces', type: 'json', description: '[{ score, box, age, gender, emotion }]' },
    {
      id: 'summary',
      type: 'text',
      description: 'What was found, e.g. "3 persons, 1 cup; 3 faces"',
    },
  ],
  params: Params,
  deterministic: true,

  async run({ inputs, params, signal, context }) {
    const image = imageInput(inputs.image, TYPE);
    context.progress(0, 'loading the detector');
    const found = await runLocal(context.env, signal, () => detect(image));
    const objects = params.objects ? found.objects.filter((o) => o.score >= params.minScore) : [];
    const faces = params.faces ? found.faces.filter((f) => f.score >= params.minScore) : [];
    context.progress(0.8, 'drawing the boxes');
    const tag = (name: string, score: number) =>
      params.labels ? `${name} ${Math.round(score * 100)}%` : '';
    const marks: Mark[] = [
      ...objects.map((o) => ({ box: o.box, label: tag(o.label, o.score) })),
      ...faces.map((f) => ({ box: f.box, label: tag('face', f.score) })),
    ];
    const annotated = await drawBoxes(image, marks, found);
    return {
      image: annotated,
      objects: objects as unknown as JsonValue,
      faces: faces as unknown as JsonValue,
      summary: summarize({ objects, faces }),
    };
  },
};
