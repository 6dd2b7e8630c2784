import { defineOutput } from './define-output.ts';

export const jsonOutputNode = defineOutput({
  portType: 'json',
  title: 'JSON Output',
  description:
    "Returns a JSON value (list, object, number...) as one of the pipeline's named results.",
});
