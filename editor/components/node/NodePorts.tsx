import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeTypeInfo } from '../../../pipeline/node-type.ts';
import type { PortSpec } from '../../../pipeline/ports.ts';
import { inputPorts, outputPorts, portClass, portLabel } from '../../model/ports.ts';
import { useEditor } from '../../store/index.ts';

function PortRow({ port, side }: { port: PortSpec; side: 'in' | 'out' }) {
  const title = `${portLabel(port)}: ${port.type}${port.optional ? ' (optional)' : ''}${
    port.description ? ` — ${port.description}` : ''
  }`;
  return (
    <div className={`wport wport-${side} ${portClass(port.type)}`} title={title}>
      <Handle
        id={port.id}
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        className={`whandle ${portClass(port.type)}`}
      />
      <span className="wport-label">{portLabel(port)}</span>
      <span className="wport-type">{port.type}</span>
    </div>
  );
}

interface Props {
  nodeId: string;
  info: NodeTypeInfo;
  params: Record<string, unknown>;
}

/** Inputs down the left, outputs down the right; a handle's id is its port's id. */
function NodePortsView({ nodeId, info, params }: Props) {
  const inputs = inputPorts(info, params);
  const outputs = outputPorts(info, params);

  // Ports grown from params come and go; React Flow must re-measure the handles when they do.
  // Not on first render: React Flow measures a new node by itself, and a thousand extra calls
  // when a large pipeline opens would each re-measure.
  const updateNodeInternals = useUpdateNodeInternals();
  const key = [...inputs, ...outputs].map((p) => p.id).join('\n');
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
      </div>
      <div className="wnode-outputs">
        {outputs.map((port) => (
          <PortRow key={port.id} port={port} side="out" />
        ))}
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
