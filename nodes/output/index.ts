import type { NodeDefinition } from '../../pipeline/node-type.ts';

/** The `output` category, in palette order. */
export const outputNodes: NodeDefinition<any>[] = [];
