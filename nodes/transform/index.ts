import type { NodeDefinition } from '../../pipeline/node-type.ts';

/** The `transform` category, in palette order. */
export const transformNodes: NodeDefinition<any>[] = [];
