import { defineOutput } from './define-output.ts';

export const textOutputNode = defineOutput({
  portType: 'text',
  title: 'Text Output',
  description: "Returns a text as one of the pipeline's named results.",
});
