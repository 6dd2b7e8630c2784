import { describe, expect, it } from 'vitest';
import { graphFromFile, graphToFile, metaFromFile } from '../../editor/model/file.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { PipelineFileSchema } from '../../pipeline/schema.ts';
import { exampleFiles } from './fixtures.ts';

const roundTrip = (file: PipelineFile) => graphToFile(graphFromFile(file), metaFromFile(file));

describe('file and canvas', () => {
  it.each(exampleFiles())('gives back example %s unchanged', (_, file) => {
    expect(roundTrip(file)).toEqual(file);
    // Saved files are diffed by people: the editor writes keys in the order the server saves
    // them (the format's), so saving from either gives the same text.
    const saved = PipelineFileSchema.parse(file);
    expect(JSON.stringify(roundTrip(saved), null, 2)).toBe(JSON.stringify(saved, null, 2));
  });

  it('keeps labels, policies, maps, the description and editor-only ui state', () => {
    const file: PipelineFile = {
      version: 1,
      name: 'Everything',
      description: 'Every optional field a node and a file can have',
      nodes: [
        {
          id: 'lines',
          type: 'transform.split',
          position: { x: -40.5, y: 12 },
          params: { separator: '\n' },
          label: 'Lines',
        },
        {
          id: 'ocr',
          type: 'image.ocr',
          position: { x: 300, y: 0 },
          params: { language: 'eng' },
          policy: { timeoutMs: 5000, retries: 2, onFailure: 'continue' },
          map: { port: 'image', concurrency: 3 },
        },
      ],
      edges: [
        { id: 'e7', source: 'lines', sourcePort: 'items', target: 'ocr', targetPort: 'image' },
      ],
      ui: { viewport: { x: 1, y: 2, zoom: 0.5 }, colours: { ocr: '#f00' } },
    };
    expect(roundTrip(file)).toEqual(file);
  });

  it('puts each node and edge on the canvas under its own id, with its ports as handles', () => {
    const [, file] = exampleFiles().find(([slug]) => slug === 'ocr') ?? [];
    if (!file) throw new Error('the ocr example is missing');
    const graph = graphFromFile(file);
    expect(graph.nodes.map((n) => n.id)).toEqual(file.nodes.map((n) => n.id));
    expect(graph.nodes.every((n) => n.type === 'pipeline')).toBe(true);
    const edge = file.edges[0];
    expect(graph.edges[0]).toMatchObject({
      id: edge?.id,
      source: edge?.source,
      sourceHandle: edge?.sourcePort,
      target: edge?.target,
      targetHandle: edge?.targetPort,
    });
  });

  it('writes what the canvas holds now: moved nodes and canvas-only fields do not leak', () => {
    const graph = graphFromFile({
      version: 1,
      name: 'Moved',
      nodes: [{ id: 'a', type: 'text.constant', position: { x: 0, y: 0 }, params: { text: 'x' } }],
      edges: [],
    });
    const [node] = graph.nodes;
    if (!node) throw new Error('no node');
    const moved = { ...node, position: { x: 80, y: 40 }, selected: true, measured: { width: 230 } };
    const file = graphToFile({ nodes: [moved], edges: [] }, { name: 'Moved' });
    expect(file.nodes).toEqual([
      { id: 'a', type: 'text.constant', position: { x: 80, y: 40 }, params: { text: 'x' } },
    ]);
  });
});
