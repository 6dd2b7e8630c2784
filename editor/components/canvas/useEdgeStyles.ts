import { useMemo } from 'react';
import { findOutput, portClass } from '../../model/ports.ts';
import type { EditorEdge } from '../../model/types.ts';
import { useEditor } from '../../store/index.ts';

/** Colours each edge by the type of the value it carries and marks edges with problems. */
export function useEdgeStyles(edges: EditorEdge[]): EditorEdge[] {
  const nodes = useEditor((s) => s.nodes);
  const nodeTypes = useEditor((s) => s.nodeTypes);
  const checkProblems = useEditor((s) => s.checkProblems);

  // Node types by node id change only when nodes are added, removed or retyped, not moved.
  const typeKey = nodes.map((n) => `${n.id} ${n.data.type}`).join('\n');
  const typeOf = useMemo(
    () => new Map(typeKey.split('\n').map((line) => line.split(' ') as [string, string])),
    [typeKey],
  );

  return useMemo(() => {
    const bad = new Set(checkProblems.map((p) => p.edgeId).filter(Boolean));
    return edges.map((edge) => {
      const type = findOutput(nodeTypes[typeOf.get(edge.source) ?? ''], edge.sourceHandle)?.type;
      const className = [
        type ? portClass(type) : 'port-any',
        bad.has(edge.id) ? 'edge-problem' : '',
      ]
        .join(' ')
        .trim();
      return edge.className === className ? edge : { ...edge, className };
    });
  }, [edges, nodeTypes, typeOf, checkProblems]);
}
