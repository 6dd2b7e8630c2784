import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { jsonataNode } from './jsonata.ts';
import { joinNode } from './join.ts';
import { parseJsonNode } from './parse-json.ts';
import { regexNode } from './regex.ts';
import { splitNode } from './split.ts';
import { toTextNode } from './to-text.ts';

/** The `transform` category, in palette order. */
export const transformNodes: NodeDefinition<any>[] = [
  regexNode,
  splitNode,
  joinNode,
  jsonataNode,
  parseJsonNode,
  toTextNode,
];
