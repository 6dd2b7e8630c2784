import type { NodeDefinition } from '../../pipeline/node-type.ts';

/** The `text` category, in palette order. */
export const textNodes: NodeDefinition<any>[] = [];
