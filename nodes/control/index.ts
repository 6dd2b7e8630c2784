import type { NodeDefinition } from '../../pipeline/node-type.ts';

/** The `control` category, in palette order. */
export const controlNodes: NodeDefinition<any>[] = [];
