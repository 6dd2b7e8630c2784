import type { Edge, Node } from '@xyflow/react';
import type { NodeMap, NodePolicy } from '../../pipeline/schema.ts';

/** What a canvas node carries: the pipeline node minus its id and position. */
export type NodeData = {
  type: string;
  params: Record<string, unknown>;
  label?: string;
  policy?: NodePolicy;
  map?: NodeMap;
};

/** A pipeline node as React Flow holds it; the node id is the pipeline node id. */
export type EditorNode = Node<NodeData, 'pipeline'>;

/** A pipeline edge as React Flow holds it; handle ids are port ids. */
export type EditorEdge = Edge & { sourceHandle: string; targetHandle: string };

/** The part of the editor's state that undo and redo restore. */
export interface Graph {
  nodes: EditorNode[];
  edges: EditorEdge[];
}
