import type { NodeDefinition } from '../../pipeline/node-type.ts';

/** The `image` category, in palette order. */
export const imageNodes: NodeDefinition<any>[] = [];
