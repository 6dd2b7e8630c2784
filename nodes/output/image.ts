import { defineOutput } from './define-output.ts';

export const imageOutputNode = defineOutput({
  portType: 'image',
  title: 'Image Output',
  description:
    "Returns an image as one of the pipeline's named results, saved as a file by the CLI.",
});
