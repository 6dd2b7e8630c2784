import { wouldCreateCycle } from '../../pipeline/graph.ts';
import { canConnect } from '../../pipeline/ports.ts';
import { edgeToFile } from './file.ts';
import type { Catalogue } from './ports.ts';
import { findInput, findOutput } from './ports.ts';
import type { Graph } from './types.ts';

export interface Link {
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
}

/**
 * Why an edge may not be drawn, in words for the person dragging it, or null when it may.
 * Refuses a type mismatch, a second edge into one input, and an edge that closes a cycle.
 */
export function connectionProblem(graph: Graph, catalogue: Catalogue, link: Link): string | null {
  const { source, target } = link;
  const sourceNode = graph.nodes.find((n) => n.id === source);
  const targetNode = graph.nodes.find((n) => n.id === target);
  if (!sourceNode || !targetNode || !link.sourceHandle || !link.targetHandle) {
    return 'Drop the edge on a port of another node.';
  }
  if (source === target) return 'A node cannot feed its own input.';

  const from = findOutput(
    catalogue[sourceNode.data.type],
    sourceNode.data.params,
    link.sourceHandle,
  );
  const to = findInput(catalogue[targetNode.data.type], targetNode.data.params, link.targetHandle);
  if (!from || !to) return 'That port does not exist on this node type.';
  if (!canConnect(from.type, to.type)) {
    return `Type mismatch: a ${from.type} output cannot feed the ${to.type} input "${to.label ?? to.id}" of ${target}.`;
  }

  const taken = graph.edges.some((e) => e.target === target && e.targetHandle === to.id);
  if (taken) {
    return `Input "${to.label ?? to.id}" of ${target} already has an edge; delete that edge first.`;
  }

  if (
    wouldCreateCycle({ nodes: graph.nodes, edges: graph.edges.map(edgeToFile) }, { source, target })
  ) {
    return `This edge would close a cycle: ${target} already feeds ${source}.`;
  }
  return null;
}
