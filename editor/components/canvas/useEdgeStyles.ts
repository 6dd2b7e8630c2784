import { useMemo, useRef } from 'react';
import type { NodeData } from '../../model/types.ts';
import { findOutput, portClass } from '../../model/ports.ts';
import type { EditorEdge } from '../../model/types.ts';
import { useEditor } from '../../store/index.ts';

/** Colours each edge by the type of the value it carries and marks edges with problems. */
export function useEdgeStyles(edges: EditorEdge[]): EditorEdge[] {
  const nodes = useEditor((s) => s.nodes);
  const nodeTypes = useEditor((s) => s.nodeTypes);
  const checkProblems = useEditor((s) => s.checkProblems);

  // Output types by node change only when nodes are added, removed or edited, not moved.
  const dataKey = useMemo(() => new Map(nodes.map((n) => [n.id, n.data])), [nodes]);
  const dataOf = useStableMap(dataKey);

  return useMemo(() => {
    const bad = new Set(checkProblems.map((p) => p.edgeId).filter(Boolean));
    return edges.map((edge) => {
      const data = dataOf.get(edge.source);
      const type = data && findOutput(nodeTypes[data.type], data.params, edge.sourceHandle)?.type;
      const className = [
        type ? portClass(type) : 'port-any',
        bad.has(edge.id) ? 'edge-problem' : '',
      ]
        .join(' ')
        .trim();
      return edge.className === className ? edge : { ...edge, className };
    });
  }, [edges, nodeTypes, dataOf, checkProblems]);
}

/** The previous map while every entry is the same object, so a drag does not restyle edges. */
function useStableMap(next: Map<string, NodeData>): Map<string, NodeData> {
  const previous = useRef(next);
  const old = previous.current;
  const same = old.size === next.size && [...next].every(([id, data]) => old.get(id) === data);
  if (!same) previous.current = next;
  return previous.current;
}
