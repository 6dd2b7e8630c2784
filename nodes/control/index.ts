import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { ifNode } from './if.ts';
import { mergeNode } from './merge.ts';
import { switchNode } from './switch.ts';

/** The `control` category, in palette order. */
export const controlNodes: NodeDefinition<any>[] = [ifNode, switchNode, mergeNode];
