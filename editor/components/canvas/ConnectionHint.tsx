import { useConnection, ViewportPortal } from '@xyflow/react';
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
  return (
    <ViewportPortal>
      <div
        className="wconnection-hint"
        role="status"
        style={{ transform: `translate(${connection.to.x + 16}px, ${connection.to.y + 16}px)` }}
      >
        {reason}
      </div>
    </ViewportPortal>
  );
}
