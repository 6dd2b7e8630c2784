import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { blurNode } from './blur.ts';
import { convertNode } from './convert.ts';
import { cropNode } from './crop.ts';
import { detectNode } from './detect.ts';
import { grayscaleNode } from './grayscale.ts';
import { inputNode } from './input.ts';
import { ocrNode } from './ocr.ts';
import { resizeNode } from './resize.ts';
import { rotateNode } from './rotate.ts';

export { closeOcr } from './ocr.ts';

/** The `image` category, in palette order. */
export const imageNodes: NodeDefinition<any>[] = [
  inputNode,
  resizeNode,
  cropNode,
  rotateNode,
  grayscaleNode,
  blurNode,
  convertNode,
  ocrNode,
  detectNode,
];
