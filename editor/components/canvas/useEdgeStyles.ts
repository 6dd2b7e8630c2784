import { useMemo, useRef } from 'react';
import type { NodeData } from '../../model/types.ts';
import { findInput, findOutput, portClass } from '../../model/ports.ts';
import type { EditorEdge } from '../../model/types.ts';
import { useEditor } from '../../store/index.ts';

/**
 * Colours each edge by the type of the value it carries and marks edges with problems; an edge
 * whose port its node lacks is marked broken at once, before the server's check answers.
 */
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
      const from = dataOf.get(edge.source);
      const to = dataOf.get(edge.target);
      const fromInfo = from && nodeTypes[from.type];
      const toInfo = to && nodeTypes[to.type];
      const type = fromInfo && findOutput(fromInfo, from.params, edge.sourceHandle)?.type;
      const broken =
        (fromInfo && !type) || (toInfo && !findInput(toInfo, to.params, edge.targetHandle));
      const className = [
        type ? portClass(type) : 'port-any',
        bad.has(edge.id) || broken ? 'edge-problem' : '',
        broken ? 'edge-broken' : '',
      ]
        .filter(Boolean)
        .join(' ');
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
