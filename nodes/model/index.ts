import type { NodeDefinition } from '../../pipeline/node-type.ts';

/** The `model` category, in palette order. */
export const modelNodes: NodeDefinition<any>[] = [];
