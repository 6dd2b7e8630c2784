import type { PipelineEdge, PipelineNode } from '../../pipeline/schema.ts';
import { edgeFromFile, edgeToFile, nodeFromFile, nodeToFile } from './file.ts';
import { freshEdgeId, freshNodeId } from './ids.ts';
import type { EditorEdge, EditorNode, Graph } from './types.ts';

/** What copy puts on the clipboard: nodes, and the edges that run between them. */
export interface Fragment {
  weft: 'fragment';
  nodes: PipelineNode[];
  edges: PipelineEdge[];
}

export function copyFragment(graph: Graph, ids: ReadonlySet<string>): Fragment {
  return {
    weft: 'fragment',
    nodes: graph.nodes.filter((n) => ids.has(n.id)).map(nodeToFile),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(edgeToFile),
  };
}

export function isFragment(value: unknown): value is Fragment {
  const v = value as Partial<Fragment> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.weft === 'fragment' &&
    Array.isArray(v.nodes) &&
    Array.isArray(v.edges)
  );
}

/**
 * The fragment's nodes and inner edges under fresh ids, moved by `offset`, selected, so
 * pasting twice gives two independent copies. Where an earlier paste already lies, the copy
 * steps on by `offset` again, so pastes fan out instead of hiding each other.
 */
export function pasteFragment(
  graph: Graph,
  fragment: Fragment,
  step: { x: number; y: number },
): { nodes: EditorNode[]; edges: EditorEdge[] } {
  const taken = new Set(graph.nodes.map((n) => `${n.position.x},${n.position.y}`));
  const lands = (k: number) =>
    fragment.nodes.some((n) =>
      taken.has(`${n.position.x + k * step.x},${n.position.y + k * step.y}`),
    );
  let k = 1;
  while (k <= graph.nodes.length && lands(k)) k++;
  const offset = { x: k * step.x, y: k * step.y };

  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  const renamed = new Map<string, string>();

  const nodes = fragment.nodes.map((original) => {
    const id = freshNodeId(original.type, nodeIds);
    nodeIds.add(id);
    renamed.set(original.id, id);
    const node = nodeFromFile(structuredClone(original));
    const position = { x: original.position.x + offset.x, y: original.position.y + offset.y };
    return { ...node, id, position, selected: true };
  });

  const edges: EditorEdge[] = [];
  for (const original of fragment.edges) {
    const source = renamed.get(original.source);
    const target = renamed.get(original.target);
    if (!source || !target) continue;
    const id = freshEdgeId(edgeIds);
    edgeIds.add(id);
    edges.push({ ...edgeFromFile(original), id, source, target });
  }
  return { nodes, edges };
}
