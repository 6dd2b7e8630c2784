import type { PipelineEdge, PipelineFile, PipelineNode } from '../../pipeline/schema.ts';
import { FORMAT_VERSION } from '../../pipeline/schema.ts';
import type { EditorEdge, EditorNode, Graph, NodeData } from './types.ts';

/** The parts of a pipeline file that are not its graph; kept so an export equals the import. */
export interface FileMeta {
  name: string;
  description?: string;
  ui?: Record<string, unknown>;
}

export function nodeFromFile(node: PipelineNode): EditorNode {
  const { id, type, position, params, label, policy, map } = node;
  const data: NodeData = { type, params };
  if (label !== undefined) data.label = label;
  if (policy !== undefined) data.policy = policy;
  if (map !== undefined) data.map = map;
  return { id, type: 'pipeline', position: { x: position.x, y: position.y }, data };
}

export function edgeFromFile(edge: PipelineEdge): EditorEdge {
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourcePort,
    target: edge.target,
    targetHandle: edge.targetPort,
  };
}

export function graphFromFile(file: PipelineFile): Graph {
  return { nodes: file.nodes.map(nodeFromFile), edges: file.edges.map(edgeFromFile) };
}

export function metaFromFile(file: PipelineFile): FileMeta {
  const meta: FileMeta = { name: file.name };
  if (file.description !== undefined) meta.description = file.description;
  if (file.ui !== undefined) meta.ui = file.ui;
  return meta;
}

export function nodeToFile(node: EditorNode): PipelineNode {
  const { type, params, label, policy, map } = node.data;
  const out: PipelineNode = {
    id: node.id,
    type,
    position: { x: node.position.x, y: node.position.y },
    params,
  };
  if (label !== undefined) out.label = label;
  if (policy !== undefined) out.policy = policy;
  if (map !== undefined) out.map = map;
  return out;
}

export function edgeToFile(edge: EditorEdge): PipelineEdge {
  return {
    id: edge.id,
    source: edge.source,
    sourcePort: edge.sourceHandle,
    target: edge.target,
    targetPort: edge.targetHandle,
  };
}

/** The pipeline file for what is on the canvas: what is saved, exported and run. */
export function graphToFile(graph: Graph, meta: FileMeta): PipelineFile {
  // Key order follows the format's documentation, so saved files diff cleanly.
  const file: PipelineFile = { version: FORMAT_VERSION, name: meta.name } as PipelineFile;
  if (meta.description !== undefined) file.description = meta.description;
  file.nodes = graph.nodes.map(nodeToFile);
  file.edges = graph.edges.map(edgeToFile);
  if (meta.ui !== undefined) file.ui = meta.ui;
  return file;
}
