import type { NodeTypeInfo } from './node-type.ts';
import type { PortType } from './ports.ts';
import type { PipelineFile } from './schema.ts';

/** Finds a node type's description: the registry on the server, the fetched catalogue in the editor. */
export interface IoLookup {
  get(
    type: string,
  ): (Pick<NodeTypeInfo, 'io' | 'inputs' | 'outputs'> & { title?: string }) | undefined;
}

/** One named input or output of a whole pipeline. */
export interface PipelinePort {
  /** The `name` param of the input or output node: the key the CLI and the API use. */
  name: string;
  nodeId: string;
  /** The node's type, e.g. `image.input`. */
  nodeType: string;
  /** What the value must be: an input node's output port type, an output node's input type. */
  type: PortType;
  label?: string;
}

/** The values a run takes: one per input node (`io: 'input'`), by its `name` param, file order. */
export function pipelineInputs(pipeline: PipelineFile, lookup: IoLookup): PipelinePort[] {
  return portsWith(pipeline, lookup, 'input');
}

/** The values a run returns: one per output node (`io: 'output'`), by its `name` param. */
export function pipelineOutputs(pipeline: PipelineFile, lookup: IoLookup): PipelinePort[] {
  return portsWith(pipeline, lookup, 'output');
}

function portsWith(
  pipeline: PipelineFile,
  lookup: IoLookup,
  io: 'input' | 'output',
): PipelinePort[] {
  const found: PipelinePort[] = [];
  for (const node of pipeline.nodes) {
    const type = lookup.get(node.type);
    if (type?.io !== io) continue;
    const name = node.params.name;
    if (typeof name !== 'string' || name === '') continue;
    // An input node hands its value on through its output; an output node takes it in.
    const port =
      io === 'input'
        ? (type.outputs.find((p) => p.id === 'value') ?? type.outputs[0])
        : (type.inputs.find((p) => p.id === 'value') ?? type.inputs[0]);
    const entry: PipelinePort = {
      name,
      nodeId: node.id,
      nodeType: node.type,
      type: port?.type ?? 'any',
    };
    if (node.label !== undefined) entry.label = node.label;
    found.push(entry);
  }
  return found;
}
