import { portsOf } from '../../pipeline/graph.ts';
import type { NodeTypeInfo } from '../../pipeline/node-type.ts';
import type { PortSpec, PortType } from '../../pipeline/ports.ts';
import type { Graph } from './types.ts';

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

/** The handles each node's edges name but its ports lack, as `in:<port>` and `out:<port>`. */
export function danglingHandles(
  { nodes, edges }: Graph,
  catalogue: Catalogue,
): Map<string, string[]> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const found = new Map<string, string[]>();
  const check = (nodeId: string, side: 'in' | 'out', port: string) => {
    const node = byId.get(nodeId);
    const info = node && catalogue[node.data.type];
    // A node of an unknown type draws a handle for every edge it has; nothing dangles there.
    if (!node || !info) return;
    const find = side === 'in' ? findInput : findOutput;
    if (find(info, node.data.params, port)) return;
    const list = found.get(nodeId) ?? [];
    if (!list.includes(`${side}:${port}`)) list.push(`${side}:${port}`);
    found.set(nodeId, list);
  };
  for (const edge of edges) {
    check(edge.source, 'out', edge.sourceHandle);
    check(edge.target, 'in', edge.targetHandle);
  }
  return found;
}
