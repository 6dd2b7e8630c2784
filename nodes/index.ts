import { Registry } from '../pipeline/registry.ts';
import { controlNodes } from './control/index.ts';
import { imageNodes } from './image/index.ts';
import { modelNodes } from './model/index.ts';
import { outputNodes } from './output/index.ts';
import { pipelineNodes } from './pipeline/index.ts';
import { textNodes } from './text/index.ts';
import { transformNodes } from './transform/index.ts';

/** Every node type Weft ships, in palette order. */
export const nodeTypes = [
  ...textNodes,
  ...imageNodes,
  ...modelNodes,
  ...transformNodes,
  ...controlNodes,
  ...pipelineNodes,
  ...outputNodes,
];

export const registry = new Registry(nodeTypes);
