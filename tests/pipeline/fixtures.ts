import { z } from 'zod';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { PortSpec } from '../../pipeline/ports.ts';
import { Registry } from '../../pipeline/registry.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';

const run = async () => ({});

function node(
  type: string,
  inputs: PortSpec[],
  outputs: PortSpec[],
  extra: Partial<NodeDefinition<any>> = {},
): NodeDefinition<any> {
  return {
    type,
    title: type,
    description: `${type} for checks`,
    category: 'transform',
    version: 1,
    inputs,
    outputs,
    params: z.object({}),
    run,
    ...extra,
  };
}

/** Node types covering every kind of port a check must understand. */
export const checkRegistry = new Registry([
  node('t.number', [], [{ id: 'out', type: 'number' }]),
  node('t.image', [], [{ id: 'out', type: 'image' }]),
  node('t.list', [], [{ id: 'out', type: 'json' }]),
  node('t.sink', [{ id: 'in', type: 'number' }], [{ id: 'out', type: 'number' }]),
  node('t.text', [{ id: 'in', type: 'text' }], [{ id: 'out', type: 'text' }]),
  node('t.optional', [{ id: 'in', type: 'any', optional: true }], [{ id: 'out', type: 'any' }]),
  node('t.fallback', [{ id: 'in', type: 'text', param: 'text' }], [{ id: 'out', type: 'text' }], {
    params: z.object({ text: z.string().optional() }),
  }),
  node('t.template', [], [{ id: 'out', type: 'text' }], {
    dynamicInputs: { param: 'template', kind: 'placeholders', type: 'text' },
    params: z.object({ template: z.string().default('Hi {{name}}') }),
  }),
  node('t.sized', [], [{ id: 'out', type: 'number' }], {
    params: z.object({ width: z.number().int().max(100).default(10) }),
  }),
  node('t.model', [], [{ id: 'out', type: 'text' }], {
    preflight: (_params, env) => (env.KEY ? [] : ['KEY is not set; set it in the environment']),
  }),
  node('t.input', [], [{ id: 'value', type: 'text' }], {
    io: 'input',
    params: z.object({ name: z.string() }),
  }),
  node('t.output', [{ id: 'value', type: 'any' }], [{ id: 'value', type: 'any' }], {
    io: 'output',
    params: z.object({ name: z.string() }),
  }),
]);

type Spec = [id: string, type: string, params?: Record<string, unknown>];

/** A pipeline file from `[id, type, params]` nodes and `source.port->target.port` edges. */
export function file(nodes: Spec[], edges: string[] = []): PipelineFile {
  return {
    version: 1,
    name: 'check',
    nodes: nodes.map(([id, type, params]) => ({
      id,
      type,
      position: { x: 0, y: 0 },
      params: params ?? {},
    })),
    edges: edges.map((text, index) => {
      const [from, to] = text.split('->') as [string, string];
      const [source, sourcePort] = from.split('.') as [string, string];
      const [target, targetPort] = to.split('.') as [string, string];
      return { id: `e${index}`, source, sourcePort, target, targetPort };
    }),
  };
}
