import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registry } from '../../nodes/index.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { Catalogue } from '../../editor/model/ports.ts';
import { graphFromFile } from '../../editor/model/file.ts';
import type { Graph } from '../../editor/model/types.ts';

/** The real catalogue, as `GET /api/node-types` gives it to the editor. */
export const catalogue: Catalogue = Object.fromEntries(
  registry.info().map((info) => [info.type, info]),
);

const examples = fileURLToPath(new URL('../../examples', import.meta.url));

/** Every shipped example's pipeline file, by folder name. */
export function exampleFiles(): [string, PipelineFile][] {
  return readdirSync(examples, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => [
      entry.name,
      JSON.parse(readFileSync(path.join(examples, entry.name, 'pipeline.json'), 'utf8')),
    ]);
}

type NodeSpec = [id: string, type: string, params?: Record<string, unknown>];
type EdgeSpec = [source: string, sourcePort: string, target: string, targetPort: string];

/** A canvas graph from short specs: nodes in a row, edges `e1`, `e2`, ... */
export function graphOf(nodes: NodeSpec[], edges: EdgeSpec[] = []): Graph {
  return graphFromFile({
    version: 1,
    name: 'test',
    nodes: nodes.map(([id, type, params = {}], i) => ({
      id,
      type,
      position: { x: i * 300, y: 0 },
      params,
    })),
    edges: edges.map(([source, sourcePort, target, targetPort], i) => ({
      id: `e${i + 1}`,
      source,
      sourcePort,
      target,
      targetPort,
    })),
  });
}
