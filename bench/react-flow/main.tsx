// The baseline for the editor bench: React Flow with its default nodes and nothing else, drawing
// the same saved pipeline the editor opens (fetched from the same server).
import '@xyflow/react/dist/style.css';
import type { Edge, Node } from '@xyflow/react';
import { ReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { PipelineFile } from '../../pipeline/schema.ts';

function Baseline() {
  const [graph, setGraph] = useState<{ nodes: Node[]; edges: Edge[] } | null>(null);
  useEffect(() => {
    const id = new URLSearchParams(location.search).get('pipeline') ?? '';
    void fetch(`/api/pipelines/${encodeURIComponent(id)}`)
      .then((response) => response.json())
      .then(({ pipeline }: { pipeline: PipelineFile }) =>
        setGraph({
          nodes: pipeline.nodes.map((n) => ({
            id: n.id,
            position: n.position,
            data: { label: n.id },
          })),
          edges: pipeline.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
        }),
      );
  }, []);
  if (!graph) return null;
  return <ReactFlow defaultNodes={graph.nodes} defaultEdges={graph.edges} fitView minZoom={0.05} />;
}

createRoot(document.getElementById('root') as HTMLElement).render(<Baseline />);
