import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { imageOutputNode } from './image.ts';
import { jsonOutputNode } from './json.ts';
import { textOutputNode } from './text.ts';

/** The `output` category, in palette order. */
export const outputNodes: NodeDefinition<any>[] = [textOutputNode, jsonOutputNode, imageOutputNode];
