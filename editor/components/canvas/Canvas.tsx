import type { FinalConnectionState, IsValidConnection, OnConnectStartParams } from '@xyflow/react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import type { DragEvent, MouseEvent as ReactMouseEvent } from 'react';
import { useEffect, useMemo, useRef } from 'react';
import { connectionProblem } from '../../model/connect.ts';
import type { EditorEdge, EditorNode } from '../../model/types.ts';
import { useEditor } from '../../store/index.ts';
import { PipelineNode } from '../node/PipelineNode.tsx';
import { ConnectionHint } from './ConnectionHint.tsx';
import { useCanvasDrop } from './useCanvasDrop.ts';
import { useEdgeStyles } from './useEdgeStyles.ts';

const nodeTypes = { pipeline: PipelineNode };
const FAR_ZOOM = 0.25;

const CATEGORY_COLOURS: Record<string, string> = {
  text: '#3d6fd9',
  image: '#d2557a',
  model: '#7b61d1',
  transform: '#2b9a86',
  control: '#d08a2e',
  output: '#4b5563',
  pipeline: '#0e7490',
};

function minimapColor(node: EditorNode): string {
  const info = useEditor.getState().nodeTypes[node.data.type];
  return CATEGORY_COLOURS[info?.category ?? ''] ?? '#c8453a';
}

/** The last pointer position over the canvas, where the add key opens its popup. */
export const pointer = { x: 200, y: 200 };

/** How the canvas fits a pipeline in view: on opening, and by the fit button alike. */
const FIT = { padding: 0.15, maxZoom: 1 };

export function Canvas() {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const fitRequest = useEditor((s) => s.fitRequest);
  const { screenToFlowPosition, fitView } = useReactFlow<EditorNode, EditorEdge>();
  const connectStart = useRef<OnConnectStartParams | null>(null);
  const styledEdges = useEdgeStyles(edges);
  const { onDragOver, onDrop } = useCanvasDrop();
  // Zoomed far out, the small print is unreadable: not painting it keeps big graphs smooth.
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);

  // Fit once the nodes of a newly opened pipeline have been measured, not before.
  const initialized = useNodesInitialized();
  const fitted = useRef(0);
  useEffect(() => {
    if (fitRequest === fitted.current || (!initialized && nodes.length > 0)) return;
    fitted.current = fitRequest;
    // React Flow would hold a fit of an empty canvas until the first node is added, and then
    // move that node away from where it was dropped.
    if (nodes.length > 0) void fitView(FIT);
  }, [fitRequest, initialized, nodes.length, fitView]);

  const handlers = useMemo(() => {
    const state = useEditor.getState;
    const isValidConnection: IsValidConnection<EditorEdge> = (link) => {
      const { nodes, edges, nodeTypes } = state();
      return (
        connectionProblem({ nodes, edges }, nodeTypes, {
          source: link.source,
          sourceHandle: link.sourceHandle ?? null,
          target: link.target,
          targetHandle: link.targetHandle ?? null,
        }) === null
      );
    };
    const onConnectEnd = (event: MouseEvent | TouchEvent, end: FinalConnectionState) => {
      const start = connectStart.current;
      connectStart.current = null;
      if (end.isValid || !start?.nodeId || !start.handleId || !start.handleType) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      if (end.toHandle) {
        // Refused on a port: say why, as the hint did while dragging.
        const [source, target] =
          start.handleType === 'source'
            ? [end.fromHandle, end.toHandle]
            : [end.toHandle, end.fromHandle];
        if (source && target) {
          state().connect({
            source: source.nodeId,
            sourceHandle: source.id ?? null,
            target: target.nodeId,
            targetHandle: target.id ?? null,
          });
        }
        return;
      }
      // Dropped on the empty canvas: offer the node types that fit, and wire the chosen one.
      state().openPopup({
        screen: { x: point.clientX, y: point.clientY },
        flow: screenToFlowPosition({ x: point.clientX, y: point.clientY }),
        from: { nodeId: start.nodeId, handleId: start.handleId, handleType: start.handleType },
      });
    };
    const onDoubleClick = (event: ReactMouseEvent) => {
      if (!(event.target as Element).classList.contains('react-flow__pane')) return;
      state().openPopup({
        screen: { x: event.clientX, y: event.clientY },
        flow: screenToFlowPosition({ x: event.clientX, y: event.clientY }),
      });
    };
    const onNodeDragStart = () => state().record();
    const onNodeDragStop = () => {
      // A click that moved nothing leaves no undo step.
      const { past, nodes } = state();
      const before = new Map(past[past.length - 1]?.nodes.map((n) => [n.id, n.position]));
      const moved = nodes.some((n) => {
        const p = before.get(n.id);
        return !p || p.x !== n.position.x || p.y !== n.position.y;
      });
      if (!moved) state().discardRecord();
    };
    const onNodeContextMenu = (event: ReactMouseEvent, node: EditorNode) => {
      event.preventDefault();
      state().openMenu({ nodeId: node.id, x: event.clientX, y: event.clientY });
    };
    return {
      isValidConnection,
      onConnectEnd,
      onDoubleClick,
      onNodeDragStart,
      onNodeDragStop,
      onNodeContextMenu,
    };
  }, [screenToFlowPosition]);

  return (
    <div
      className={far ? 'wcanvas far' : 'wcanvas'}
      onDragOver={onDragOver}
      onDrop={(e: DragEvent) => onDrop(e, screenToFlowPosition)}
      onDoubleClick={handlers.onDoubleClick}
      onPointerMove={(e) => {
        pointer.x = e.clientX;
        pointer.y = e.clientY;
      }}
    >
      <ReactFlow<EditorNode, EditorEdge>
        nodes={nodes}
        edges={styledEdges}
        nodeTypes={nodeTypes}
        onNodesChange={useEditor.getState().onNodesChange}
        onEdgesChange={useEditor.getState().onEdgesChange}
        onConnect={(link) => useEditor.getState().connect(link)}
        onConnectStart={(_, params) => (connectStart.current = params)}
        onConnectEnd={handlers.onConnectEnd}
        isValidConnection={handlers.isValidConnection}
        onNodeDragStart={handlers.onNodeDragStart}
        onNodeDragStop={handlers.onNodeDragStop}
        onNodeContextMenu={handlers.onNodeContextMenu}
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        minZoom={0.05}
        fitViewOptions={FIT}
      >
        <Background gap={24} size={1} />
        <MiniMap pannable zoomable nodeColor={minimapColor} nodeBorderRadius={4} />
        <Controls />
        <ConnectionHint />
      </ReactFlow>
    </div>
  );
}
