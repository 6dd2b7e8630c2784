import type { EdgeChange, NodeChange } from '@xyflow/react';
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import type { Fragment } from '../model/clipboard.ts';
import { copyFragment, pasteFragment } from '../model/clipboard.ts';
import type { Link } from '../model/connect.ts';
import { connectionProblem } from '../model/connect.ts';
import { freshEdgeId, freshNodeId } from '../model/ids.ts';
import { defaultParams } from '../model/params.ts';
import { freeSpot } from '../model/placement.ts';
import type { EditorEdge, EditorNode, NodeData } from '../model/types.ts';
import type { Slice } from './types.ts';

export interface GraphSlice {
  nodes: EditorNode[];
  edges: EditorEdge[];
  onNodesChange(changes: NodeChange<EditorNode>[]): void;
  onEdgesChange(changes: EdgeChange<EditorEdge>[]): void;
  addNode(type: string, position: { x: number; y: number }): string | null;
  /** Draws an edge, or says why not and answers false. */
  connect(link: Link): boolean;
  setParam(nodeId: string, key: string, value: unknown): void;
  /** Sets several params of one node as one undo step; `undefined` removes a param. */
  setParams(nodeId: string, values: Record<string, unknown>): void;
  setNodeField(nodeId: string, field: 'label' | 'policy' | 'map', value: unknown): void;
  deleteSelection(): void;
  deleteEdges(ids: string[]): void;
  selectedIds(): Set<string>;
  copySelection(): Fragment | null;
  paste(fragment: Fragment, offset?: { x: number; y: number }): void;
  duplicateSelection(): void;
  moveNodes(positions: Map<string, { x: number; y: number }>): void;
}

function updateData(
  nodes: EditorNode[],
  nodeId: string,
  update: (data: NodeData) => NodeData,
): EditorNode[] {
  return nodes.map((n) => (n.id === nodeId ? { ...n, data: update(n.data) } : n));
}

function withParams(data: NodeData, values: Record<string, unknown>): NodeData {
  const params = { ...data.params };
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete params[key];
    else params[key] = value;
  }
  return { ...data, params };
}

export const graphSlice: Slice<GraphSlice> = (set, get) => ({
  nodes: [],
  edges: [],

  onNodesChange(changes) {
    // Removal goes through deleteSelection, so that it is one undo step with its edges.
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.length > 0) set({ nodes: applyNodeChanges(kept, get().nodes) });
  },

  onEdgesChange(changes) {
    const kept = changes.filter((c) => c.type === 'select');
    if (kept.length > 0) set({ edges: applyEdgeChanges(kept, get().edges) });
  },

  addNode(type, position) {
    const info = get().nodeTypes[type];
    if (!info) return null;
    const { nodes } = get();
    const id = freshNodeId(type, new Set(nodes.map((n) => n.id)));
    const spot = freeSpot(position, nodes);
    const node: EditorNode = {
      id,
      type: 'pipeline',
      position: { x: Math.round(spot.x), y: Math.round(spot.y) },
      data: { type, params: defaultParams(info) },
      selected: true,
    };
    get().record();
    set({ nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node] });
    return id;
  },

  connect(link) {
    const { nodes, edges, nodeTypes } = get();
    const problem = connectionProblem({ nodes, edges }, nodeTypes, link);
    if (problem) {
      get().notify(problem, 'error');
      return false;
    }
    const edge: EditorEdge = {
      id: freshEdgeId(new Set(edges.map((e) => e.id))),
      source: link.source,
      sourceHandle: link.sourceHandle as string,
      target: link.target,
      targetHandle: link.targetHandle as string,
    };
    get().record();
    set({ edges: [...edges, edge] });
    return true;
  },

  setParam(nodeId, key, value) {
    get().record(`param:${nodeId}:${key}`);
    set({ nodes: updateData(get().nodes, nodeId, (data) => withParams(data, { [key]: value })) });
  },

  setParams(nodeId, values) {
    get().record();
    set({ nodes: updateData(get().nodes, nodeId, (data) => withParams(data, values)) });
  },

  setNodeField(nodeId, field, value) {
    get().record(`${field}:${nodeId}`);
    set({
      nodes: updateData(get().nodes, nodeId, (data) => {
        const next = { ...data } as Record<string, unknown>;
        if (value === undefined || value === '') delete next[field];
        else next[field] = value;
        return next as NodeData;
      }),
    });
  },

  deleteSelection() {
    const { nodes, edges } = get();
    const gone = get().selectedIds();
    const edgeGone = (e: EditorEdge) => e.selected || gone.has(e.source) || gone.has(e.target);
    if (gone.size === 0 && !edges.some(edgeGone)) return;
    get().record();
    set({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: edges.filter((e) => !edgeGone(e)) });
  },

  deleteEdges(ids) {
    const remove = new Set(ids);
    get().record();
    set({ edges: get().edges.filter((e) => !remove.has(e.id)) });
  },

  selectedIds() {
    return new Set(
      get()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    );
  },

  copySelection() {
    const ids = get().selectedIds();
    if (ids.size === 0) return null;
    return copyFragment({ nodes: get().nodes, edges: get().edges }, ids);
  },

  paste(fragment, offset = { x: 40, y: 40 }) {
    const { nodes, edges } = get();
    const added = pasteFragment({ nodes, edges }, fragment, offset);
    if (added.nodes.length === 0) return;
    get().record();
    set({
      nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...added.nodes],
      edges: [...edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...added.edges],
    });
  },

  duplicateSelection() {
    const fragment = get().copySelection();
    if (fragment) get().paste(fragment);
  },

  moveNodes(positions) {
    get().record();
    set({
      nodes: get().nodes.map((n) => {
        const position = positions.get(n.id);
        return position ? { ...n, position } : n;
      }),
    });
  },
});
