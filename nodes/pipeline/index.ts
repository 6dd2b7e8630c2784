import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { callNode } from './call.ts';

/** The `pipeline` category, in palette order. */
export const pipelineNodes: NodeDefinition<any>[] = [callNode];
