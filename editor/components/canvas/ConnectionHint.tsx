import { useConnection } from '@xyflow/react';
import { createPortal } from 'react-dom';
import { connectionProblem } from '../../model/connect.ts';
import { useEditor } from '../../store/index.ts';

/** While an edge is dragged over a port that refuses it, says why, next to the pointer. */
export function ConnectionHint() {
  const connection = useConnection();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const nodeTypes = useEditor((s) => s.nodeTypes);
  if (!connection.inProgress || connection.isValid !== false || !connection.toHandle) return null;

  const from = connection.fromHandle;
  const to = connection.toHandle;
  const [source, target] = from.type === 'source' ? [from, to] : [to, from];
  const reason = connectionProblem({ nodes, edges }, nodeTypes, {
    source: source.nodeId,
    sourceHandle: source.id ?? null,
    target: target.nodeId,
    targetHandle: target.id ?? null,
  });
  if (!reason) return null;
  // Drawn above the nodes, in page coordinates, so no node ever covers it. React Flow gives the
  // pointer relative to its own box.
  const box = document.querySelector('.react-flow')?.getBoundingClientRect();
  const at = {
    x: connection.pointer.x + (box?.left ?? 0),
    y: connection.pointer.y + (box?.top ?? 0),
  };
  return createPortal(
    <div className="wconnection-hint" role="status" style={{ left: at.x + 16, top: at.y + 18 }}>
      {reason}
    </div>,
    document.body,
  );
}
