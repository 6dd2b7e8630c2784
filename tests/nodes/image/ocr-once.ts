// Run by ocr.test.ts in a child process: one OCR run, then nothing, so the process must end by
// itself (as `weft run` does) even though the worker is kept for reuse.
import { readFile } from 'node:fs/promises';
import { ocrNode } from '../../../nodes/image/ocr.ts';
import { imageFromBytes } from '../../../nodes/image/sharp-image.ts';

const image = await imageFromBytes(await readFile(process.argv[2] as string));
const { text } = await ocrNode.run({
  inputs: { image },
  params: ocrNode.params.parse({}),
  signal: new AbortController().signal,
  context: { nodeId: 'ocr', progress() {}, stream() {}, log() {}, usage() {}, env: {} },
});
process.stdout.write(String(text));
