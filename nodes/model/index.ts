import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { chatNode } from './chat.ts';
import { classifyImageNode } from './classify-image.ts';
import { describeImageNode } from './describe-image.ts';
import { embedNode } from './embed.ts';
import { generateImageNode } from './generate-image.ts';

/** The `model` category, in palette order. */
export const modelNodes: NodeDefinition<any>[] = [
  chatNode,
  describeImageNode,
  generateImageNode,
  classifyImageNode,
  embedNode,
];
