import { z } from 'zod';
import { InputError } from '../../pipeline/errors.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { PortType } from '../../pipeline/ports.ts';
import { ioName } from '../text/io-name.ts';

interface OutputSpec {
  /** The value type this output takes, also the default name of the output. */
  portType: Extract<PortType, 'text' | 'json' | 'image'>;
  title: string;
  description: string;
}

/**
 * A named pipeline output. The three output node types differ only in the type they take, so
 * they share one shape: the value arrives on `value` and is handed back as `value`, which the
 * engine reports as the run's output of this node's `name`.
 */
export function defineOutput(spec: OutputSpec) {
  const params = z.object({ name: ioName(spec.portType) });
  const type = `output.${spec.portType}`;
  const node: NodeDefinition<z.infer<typeof params>> = {
    type,
    title: spec.title,
    description: spec.description,
    category: 'output',
    version: 1,
    io: 'output',
    inputs: [{ id: 'value', type: spec.portType }],
    outputs: [],
    params,
    async run({ inputs, params }) {
      if (inputs.value === undefined) {
        throw new InputError(
          `${type} \`${params.name}\`: input \`value\` has no value; connect what the run should return`,
        );
      }
      return { value: inputs.value };
    },
  };
  return node;
}
