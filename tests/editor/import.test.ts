import { describe, expect, it } from 'vitest';
import { readPipelineFile } from '../../editor/model/import.ts';
import { exampleFiles } from './fixtures.ts';

const read = (value: unknown) => readPipelineFile(JSON.stringify(value));

describe('opening a pipeline file in the editor', () => {
  it('opens a good file as it is, with no problems', () => {
    const [, file] = exampleFiles()[0] ?? [];
    expect(read(file)).toEqual({ ok: true, file, problems: [] });
  });

  it('opens a file with problems as far as it can, each problem on its node', () => {
    const result = read({
      version: 1,
      name: 'Broken',
      nodes: [
        { id: 'words', type: 'text.input', position: { x: 0, y: 0 }, params: { name: 'words' } },
        // No position, and a key the format does not have.
        { id: 'ocr', type: 'image.ocr', params: { language: 'eng' }, colour: 'red' },
        // No id and no type.
        { position: { x: 600, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'words', sourcePort: 'text', target: 'ocr', targetPort: 'image' },
        // No source port: kept out of the canvas, its problem marked on the node it feeds.
        { id: 'e2', source: 'words', target: 'ocr', targetPort: 'language' },
      ],
    });
    if (!result.ok) throw new Error(result.message);

    expect(result.file.nodes.map((n) => [n.id, n.type])).toEqual([
      ['words', 'text.input'],
      ['ocr', 'image.ocr'],
      ['node-3', 'unknown.type'],
    ]);
    // A node with no place goes in a row, so none hides another.
    expect(result.file.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 260, y: 0 },
      { x: 600, y: 0 },
    ]);
    expect(result.file.nodes[1]?.params).toEqual({ language: 'eng' });
    expect(result.file.edges.map((e) => e.id)).toEqual(['e1']);

    const on = (nodeId: string) => result.problems.filter((p) => p.nodeId === nodeId);
    expect(on('ocr').map((p) => p.path.join('.'))).toEqual(
      expect.arrayContaining(['nodes.1.position', 'edges.1.sourcePort']),
    );
    expect(on('node-3').map((p) => p.path.join('.'))).toEqual(
      expect.arrayContaining(['nodes.2.id', 'nodes.2.type']),
    );
    expect(result.problems.every((p) => p.code === 'invalid_file' && p.message !== '')).toBe(true);
    expect(result.problems.find((p) => p.path.join('.') === 'nodes.1.position')?.message).toMatch(
      /^nodes\.1\.position: /,
    );
  });

  it('refuses, with the reason, what cannot be a pipeline at all', () => {
    expect(readPipelineFile('{"version": 1,')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^This file is not JSON: /),
    });
    expect(read({ name: 'No nodes' })).toEqual({
      ok: false,
      message: 'This file is not a Weft pipeline: it has no "nodes" list.',
    });
  });

  it('refuses a newer format version, naming the version found and those it reads', () => {
    const result = read({ version: 7, name: 'Future', nodes: [], edges: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch('format version 7');
    expect(result.message).toMatch('reads version 1');
  });
});
