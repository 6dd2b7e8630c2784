import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeTypeInfo } from '../../../pipeline/node-type.ts';
import type { PortSpec } from '../../../pipeline/ports.ts';
import type { Catalogue } from '../../model/ports.ts';
import {
  danglingHandles,
  inputPorts,
  outputPorts,
  portClass,
  portLabel,
} from '../../model/ports.ts';
import type { EditorEdge, EditorNode } from '../../model/types.ts';
import type { EditorState } from '../../store/index.ts';
import { useEditor } from '../../store/index.ts';

interface RowProps {
  port: PortSpec;
  side: 'in' | 'out';
  /** An edge names this port but the node has none such (an imported file with problems). */
  missing?: boolean;
}

function PortRow({ port, side, missing = false }: RowProps) {
  const title = missing
    ? `This node has no ${side === 'in' ? 'input' : 'output'} "${port.id}": select the edge and delete it`
    : `${portLabel(port)}: ${port.type}${port.optional ? ' (optional)' : ''}${
        port.description ? ` — ${port.description}` : ''
      }`;
  const classes = `wport wport-${side} ${portClass(port.type)}${missing ? ' wport-missing' : ''}`;
  return (
    <div className={classes} title={title}>
      <Handle
        id={port.id}
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        className={`whandle ${portClass(port.type)}`}
        isConnectable={!missing}
      />
      <span className="wport-label">{portLabel(port)}</span>
      <span className="wport-type">{missing ? 'no such port' : port.type}</span>
    </div>
  );
}

// Every node asks which of its edges' handles it lacks; the answer is worked out once per change
// of the graph, not once per node, and a drag (new positions, same node data) keeps it.
let last: { nodes: EditorNode[]; edges: EditorEdge[]; catalogue: Catalogue } | null = null;
let lastDangling = new Map<string, string[]>();
const NONE: string[] = [];

const sameData = (a: EditorNode[], b: EditorNode[]) =>
  a === b ||
  (a.length === b.length && a.every((n, i) => n.data === b[i]?.data && n.id === b[i]?.id));

function danglingOf(s: EditorState, nodeId: string): string[] {
  if (
    !last ||
    last.edges !== s.edges ||
    last.catalogue !== s.nodeTypes ||
    !sameData(last.nodes, s.nodes)
  ) {
    lastDangling = s.edges.length === 0 ? new Map() : danglingHandles(s, s.nodeTypes);
  }
  last = { nodes: s.nodes, edges: s.edges, catalogue: s.nodeTypes };
  return lastDangling.get(nodeId) ?? NONE;
}

interface Props {
  nodeId: string;
  info: NodeTypeInfo;
  params: Record<string, unknown>;
}

/**
 * Inputs down the left, outputs down the right; a handle's id is its port's id. A port that an
 * edge names but the node lacks gets a handle marked missing, so the edge shows and can go.
 */
function NodePortsView({ nodeId, info, params }: Props) {
  const inputs = inputPorts(info, params);
  const outputs = outputPorts(info, params);
  const dangling = useEditor(useShallow((s) => danglingOf(s, nodeId)));
  const missing = (side: 'in' | 'out') =>
    dangling
      .filter((key) => key.startsWith(`${side}:`))
      .map((key) => (
        <PortRow
          key={key}
          port={{ id: key.slice(side.length + 1), type: 'any' }}
          side={side}
          missing
        />
      ));

  // Ports grown from params come and go; React Flow must re-measure the handles when they do.
  // Not on first render: React Flow measures a new node by itself, and a thousand extra calls
  // when a large pipeline opens would each re-measure.
  const updateNodeInternals = useUpdateNodeInternals();
  const key = [...inputs.map((p) => p.id), ...outputs.map((p) => p.id), ...dangling].join('\n');
  const measuredKey = useRef(key);
  useEffect(() => {
    if (measuredKey.current === key) return;
    measuredKey.current = key;
    updateNodeInternals(nodeId);
  }, [key, nodeId, updateNodeInternals]);

  return (
    <div className="wnode-ports">
      <div className="wnode-inputs">
        {inputs.map((port) => (
          <PortRow key={port.id} port={port} side="in" />
        ))}
        {missing('in')}
      </div>
      <div className="wnode-outputs">
        {outputs.map((port) => (
          <PortRow key={port.id} port={port} side="out" />
        ))}
        {missing('out')}
      </div>
    </div>
  );
}

export const NodePorts = memo(NodePortsView);

/** Handles for a node whose type is unknown, so its edges still show where they attach. */
export function UnknownPorts({ nodeId }: { nodeId: string }) {
  const ports = useEditor(
    useShallow((s) => [
      ...s.edges.filter((e) => e.target === nodeId).map((e) => `in:${e.targetHandle}`),
      ...s.edges.filter((e) => e.source === nodeId).map((e) => `out:${e.sourceHandle}`),
    ]),
  );
  const rows = [...new Set(ports)].map((key) => {
    const [side, id] = key.split(/:(.*)/s) as ['in' | 'out', string];
    return <PortRow key={key} port={{ id, type: 'any' }} side={side} />;
  });
  return <div className="wnode-ports wnode-ports-unknown">{rows}</div>;
}
