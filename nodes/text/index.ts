import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { analyzeNode } from './analyze.ts';
import { constantNode } from './constant.ts';
import { detectLanguageNode } from './detect-language.ts';
import { inputNode } from './input.ts';
import { templateNode } from './template.ts';

/** The `text` category, in palette order. */
export const textNodes: NodeDefinition<any>[] = [
  inputNode,
  constantNode,
  templateNode,
  analyzeNode,
  detectLanguageNode,
];
