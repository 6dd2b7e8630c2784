import ELK from 'elkjs/lib/elk.bundled.js';
import type { EditorNode, Graph } from './types.ts';

const elk = new ELK();

const DEFAULT_SIZE = { width: 220, height: 120 };

/**
 * New positions for every node, laid out left to right in layers by elkjs, so values flow
 * the way the eye reads. Measured node sizes keep wide nodes from overlapping.
 */
export async function layoutLeftToRight(
  graph: Graph,
): Promise<Map<string, { x: number; y: number }>> {
  const size = (node: EditorNode) => ({
    width: node.measured?.width ?? DEFAULT_SIZE.width,
    height: node.measured?.height ?? DEFAULT_SIZE.height,
  });
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: graph.nodes.map((node) => ({ id: node.id, ...size(node) })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
    })),
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }
  return positions;
}
