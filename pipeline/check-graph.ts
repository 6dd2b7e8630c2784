import { findCycles, graphOf } from './graph.ts';
import type { NodePorts } from './graph.ts';
import type { NodeDefinition } from './node-type.ts';
import { canConnect } from './ports.ts';
import type { PortSpec, PortType } from './ports.ts';
import type { Problem } from './problems.ts';
import type { PipelineFile, PipelineNode } from './schema.ts';

/** A node after the per-node checks: its type and ports when its type is known. */
export interface CheckedNode {
  index: number;
  node: PipelineNode;
  definition?: NodeDefinition<any>;
  ports?: NodePorts;
}

const name = (node: { id: string; type: string }) => `node \`${node.id}\` (${node.type})`;
const list = (ports: PortSpec[]) => ports.map((port) => `\`${port.id}\``).join(', ') || 'none';

/** Duplicate edge ids, edges to missing nodes or ports, doubled inputs, type mismatches. */
export function checkEdges(
  pipeline: PipelineFile,
  nodes: Map<string, CheckedNode>,
  problems: Problem[],
): void {
  const edgeIndex = new Map<string, number>();
  const connected = new Map<string, string>();
  pipeline.edges.forEach((edge, index) => {
    const at = (field: string) => ['edges', index, field];
    const report = (code: Problem['code'], field: string, message: string) =>
      problems.push({
        code,
        path: at(field),
        message: `edge \`${edge.id}\`: ${message}`,
        edgeId: edge.id,
      });

    const first = edgeIndex.get(edge.id);
    if (first !== undefined) {
      report(
        'duplicate_id',
        'id',
        `the id is also used by edge ${first + 1}; give each edge its own id`,
      );
    } else {
      edgeIndex.set(edge.id, index);
    }

    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) report('missing_node', 'source', `source node \`${edge.source}\` does not exist`);
    if (!target) report('missing_node', 'target', `target node \`${edge.target}\` does not exist`);

    const from = source?.ports?.outputs.find((port) => port.id === edge.sourcePort);
    const to = target?.ports?.inputs.find((port) => port.id === edge.targetPort);
    if (source?.ports && !from) {
      report(
        'missing_port',
        'sourcePort',
        `${name(source.node)} has no output \`${edge.sourcePort}\` (its outputs: ${list(source.ports.outputs)})`,
      );
    }
    if (target?.ports && !to) {
      report(
        'missing_port',
        'targetPort',
        `${name(target.node)} has no input \`${edge.targetPort}\` (its inputs: ${list(target.ports.inputs)})`,
      );
    }
    if (!target) return;

    const slot = `${edge.target}\u0000${edge.targetPort}`;
    const earlier = connected.get(slot);
    if (earlier !== undefined) {
      problems.push({
        code: 'input_already_connected',
        path: at('targetPort'),
        message: `${name(target.node)}: input \`${edge.targetPort}\` is connected twice (edges \`${earlier}\` and \`${edge.id}\`); an input takes one edge, remove one`,
        nodeId: target.node.id,
        edgeId: edge.id,
      });
    } else {
      connected.set(slot, edge.id);
    }

    if (!source || !from || !to) return;
    // A mapped node hands on a list of its results; a mapped input takes a list of items.
    const sent: PortType = source.node.map ? 'json' : from.type;
    const mapped = target.node.map?.port === to.id;
    const fits = mapped ? sent === 'json' || sent === 'any' : canConnect(sent, to.type);
    if (!fits) {
      const wants = mapped ? `a list (it maps over it)` : to.type;
      report(
        'port_type_mismatch',
        'targetPort',
        `output \`${from.id}\` of \`${source.node.id}\` gives ${sent}, but input \`${to.id}\` of ${name(target.node)} takes ${wants}; connect a matching port or convert the value first`,
      );
    }
  });
}

/** A required input must be connected or, when it has a fallback param, have that param set. */
export function checkRequiredInputs(
  pipeline: PipelineFile,
  nodes: Map<string, CheckedNode>,
  problems: Problem[],
): void {
  const connected = new Set(pipeline.edges.map((edge) => `${edge.target}\u0000${edge.targetPort}`));
  for (const { index, node, definition, ports } of nodes.values()) {
    if (!definition || !ports) continue;
    for (const port of ports.inputs) {
      if (port.optional || connected.has(`${node.id}\u0000${port.id}`)) continue;
      if (port.param !== undefined && node.params[port.param] !== undefined) continue;
      // The run itself gives an input node its value.
      if (definition.io === 'input' && port.id === 'value') continue;
      const fix =
        port.param === undefined ? 'connect it' : `connect it or set param \`${port.param}\``;
      problems.push({
        code: 'input_not_connected',
        path: ['nodes', index],
        message: `${name(node)}: input \`${port.id}\` is not connected; ${fix}`,
        nodeId: node.id,
      });
    }
  }
}

/** Two input nodes (or two output nodes) of one name would make the run's values ambiguous. */
export function checkIoNames(nodes: Map<string, CheckedNode>, problems: Problem[]): void {
  const seen = new Map<string, PipelineNode>();
  for (const { index, node, definition } of nodes.values()) {
    const io = definition?.io;
    const ioName = node.params.name;
    if (!io || typeof ioName !== 'string') continue;
    const other = seen.get(`${io}:${ioName}`);
    if (!other) {
      seen.set(`${io}:${ioName}`, node);
      continue;
    }
    problems.push({
      code: 'duplicate_id',
      path: ['nodes', index, 'params', 'name'],
      message: `${name(node)}: \`${other.id}\` is already the pipeline ${io} named \`${ioName}\`; rename one of them`,
      nodeId: node.id,
    });
  }
}

/** Each cycle once, naming its nodes in order. */
export function checkCycles(pipeline: PipelineFile, problems: Problem[]): void {
  const graph = graphOf(pipeline);
  for (const cycle of findCycles(graph)) {
    const first = cycle[0] as string;
    const last = cycle[cycle.length - 1] as string;
    const closing = pipeline.edges.findIndex((e) => e.source === last && e.target === first);
    const loop = [...cycle, first].map((id) => `\`${id}\``).join(' → ');
    problems.push({
      code: 'cycle',
      path: closing >= 0 ? ['edges', closing] : ['nodes'],
      message: `nodes ${loop} form a cycle; remove one of the edges between them`,
      nodeId: first,
      ...(closing >= 0 ? { edgeId: (pipeline.edges[closing] as { id: string }).id } : {}),
    });
  }
}
