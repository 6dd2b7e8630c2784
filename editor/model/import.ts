import type { Problem } from '../../pipeline/problems.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import { migrate } from '../../pipeline/migrate.ts';
import { FORMAT_VERSION, PipelineFileSchema } from '../../pipeline/schema.ts';

export type ReadResult =
  { ok: true; file: PipelineFile; problems: Problem[] } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keeps what can be drawn of a file that fails the schema, so its problems can be shown. */
function salvage(raw: Record<string, unknown>): PipelineFile {
  const nodes = (Array.isArray(raw.nodes) ? raw.nodes : []).filter(isObject).map((n, i) => {
    const position = isObject(n.position) ? n.position : {};
    return {
      ...n,
      id: typeof n.id === 'string' && n.id !== '' ? n.id : `node-${i + 1}`,
      type: typeof n.type === 'string' ? n.type : 'unknown.type',
      position: {
        x: typeof position.x === 'number' ? position.x : i * 260,
        y: typeof position.y === 'number' ? position.y : 0,
      },
      params: isObject(n.params) ? n.params : {},
    };
  });
  const edges = (Array.isArray(raw.edges) ? raw.edges : []).filter(
    (e): e is Record<string, unknown> =>
      isObject(e) &&
      ['id', 'source', 'sourcePort', 'target', 'targetPort'].every((k) => typeof e[k] === 'string'),
  );
  return {
    ...raw,
    version: FORMAT_VERSION,
    name: typeof raw.name === 'string' ? raw.name : 'Imported pipeline',
    nodes,
    edges,
  } as PipelineFile;
}

/**
 * Reads a pipeline file for the editor. A file that is not JSON, or of another format
 * version, is refused with the reason; one that fails the schema is opened as far as it can
 * be, with its problems, so they can be marked and fixed on the canvas.
 */
export function readPipelineFile(text: string): ReadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `This file is not JSON: ${(error as Error).message}` };
  }
  if (!isObject(raw) || !Array.isArray(raw.nodes)) {
    return { ok: false, message: 'This file is not a Weft pipeline: it has no "nodes" list.' };
  }
  const migrated = migrate(raw);
  if ('problem' in migrated)
    return { ok: false, message: `Cannot open this file: ${migrated.problem.message}.` };
  const migratedFile = migrated.file as Record<string, any>;
  const parsed = PipelineFileSchema.safeParse(migratedFile);
  if (parsed.success) return { ok: true, file: parsed.data, problems: [] };
  const file = salvage(migratedFile);
  const problems: Problem[] = parsed.error.issues.map((issue) => {
    const path = issue.path as (string | number)[];
    const problem: Problem = {
      code: 'invalid_file',
      path,
      message: `${path.join('.') || 'the file'}: ${issue.message}`,
    };
    // The problem is marked on the node it is about (an edge's, on the node it feeds).
    const [list, index] = path;
    const items = migratedFile[list === 'nodes' || list === 'edges' ? list : ''];
    const item = Array.isArray(items) && typeof index === 'number' ? items[index] : undefined;
    const nodeId = list === 'nodes' ? file.nodes[index as number]?.id : item?.target;
    if (typeof nodeId === 'string') problem.nodeId = nodeId;
    return problem;
  });
  return { ok: true, file, problems };
}
