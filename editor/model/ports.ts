import { portsOf } from '../../pipeline/graph.ts';
import type { NodeTypeInfo } from '../../pipeline/node-type.ts';
import type { PortSpec, PortType } from '../../pipeline/ports.ts';

/** The node types by id, as `GET /api/node-types` describes them. */
export type Catalogue = Readonly<Record<string, NodeTypeInfo>>;

/** The input ports of a node: its type's fixed inputs, then those its params grow. */
export const inputPorts = (info: NodeTypeInfo, params: Record<string, unknown>): PortSpec[] =>
  portsOf(info, params).inputs;

export const outputPorts = (info: NodeTypeInfo, params: Record<string, unknown>): PortSpec[] =>
  portsOf(info, params).outputs;

export function findInput(
  info: NodeTypeInfo | undefined,
  params: Record<string, unknown>,
  port: string,
): PortSpec | undefined {
  return info ? inputPorts(info, params).find((p) => p.id === port) : undefined;
}

export function findOutput(
  info: NodeTypeInfo | undefined,
  params: Record<string, unknown>,
  port: string,
): PortSpec | undefined {
  return info ? outputPorts(info, params).find((p) => p.id === port) : undefined;
}

/** The label a handle shows: the port's label, else its id. */
export const portLabel = (port: PortSpec) => port.label ?? port.id;

/** One class per port type; `styles/base.css` gives each its colour. */
export const portClass = (type: PortType) => `port-${type}`;
