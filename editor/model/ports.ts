import type { NodeTypeInfo } from '../../pipeline/node-type.ts';
import type { PortSpec, PortType } from '../../pipeline/ports.ts';

/** The node types by id, as `GET /api/node-types` describes them. */
export type Catalogue = Readonly<Record<string, NodeTypeInfo>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Input ports a node grows from its params (one per `{{name}}` or per list entry). */
function dynamicInputs(info: NodeTypeInfo, params: Record<string, unknown>): PortSpec[] {
  const spec = info.dynamicInputs;
  if (!spec) return [];
  const value = params[spec.param];
  let names: string[] = [];
  if (spec.kind === 'placeholders' && typeof value === 'string') {
    names = [...value.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  } else if (spec.kind === 'list' && Array.isArray(value)) {
    names = value.filter((v): v is string => typeof v === 'string' && v !== '');
  }
  const fixed = new Set(info.inputs.map((p) => p.id));
  const unique = [...new Set(names)].filter((n) => n !== '' && !fixed.has(n));
  return unique.map((id) => ({ id, type: spec.type }));
}

/** The input ports of a node: its type's fixed inputs, then those its params grow. */
export function inputPorts(info: NodeTypeInfo, params: Record<string, unknown>): PortSpec[] {
  return info.dynamicInputs ? [...info.inputs, ...dynamicInputs(info, params)] : info.inputs;
}

export function findInput(
  info: NodeTypeInfo | undefined,
  params: Record<string, unknown>,
  port: string,
): PortSpec | undefined {
  return info ? inputPorts(info, params).find((p) => p.id === port) : undefined;
}

export function findOutput(info: NodeTypeInfo | undefined, port: string): PortSpec | undefined {
  return info?.outputs.find((p) => p.id === port);
}

/** The label a handle shows: the port's label, else its id. */
export const portLabel = (port: PortSpec) => port.label ?? port.id;

/** One class per port type; `styles/ports.css` gives each its colour. */
export const portClass = (type: PortType) => `port-${type}`;
