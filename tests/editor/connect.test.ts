import { describe, expect, it } from 'vitest';
import type { Link } from '../../editor/model/connect.ts';
import { connectionProblem } from '../../editor/model/connect.ts';
import { catalogue, graphOf } from './fixtures.ts';

const link = (
  source: string,
  sourceHandle: string,
  target: string,
  targetHandle: string,
): Link => ({
  source,
  sourceHandle,
  target,
  targetHandle,
});

// words -> first -> second -> third, each template fed by the one before; `photo` stands alone.
const graph = graphOf(
  [
    ['words', 'text.constant', { text: 'hi' }],
    ['first', 'text.template', { template: '{{a}}' }],
    ['second', 'text.template', { template: '{{a}} {{b}}' }],
    ['third', 'text.template', { template: '{{a}}' }],
    ['photo', 'image.input', { name: 'photo' }],
    ['ocr', 'image.ocr'],
    ['parse', 'transform.parse-json'],
  ],
  [
    ['words', 'text', 'first', 'a'],
    ['first', 'text', 'second', 'a'],
    ['second', 'text', 'third', 'a'],
  ],
);
const problem = (l: Link) => connectionProblem(graph, catalogue, l);

describe('which edges the editor lets a person draw', () => {
  it('accepts an edge between matching, free ports', () => {
    expect(problem(link('words', 'text', 'second', 'b'))).toBeNull();
    expect(problem(link('photo', 'image', 'ocr', 'image'))).toBeNull();
  });

  it('follows the port rules: text feeds a text input, a JSON result does not', () => {
    expect(problem(link('words', 'text', 'parse', 'text'))).toBeNull();
    expect(problem(link('ocr', 'result', 'second', 'b'))).toMatch('Type mismatch');
  });

  it('refuses a type mismatch, naming both types, the input and its node', () => {
    expect(problem(link('words', 'text', 'ocr', 'image'))).toBe(
      'Type mismatch: a text output cannot feed the image input "image" of ocr.',
    );
  });

  it('refuses an edge that would close a cycle, saying which way the values already flow', () => {
    expect(problem(link('third', 'text', 'second', 'b'))).toBe(
      'This edge would close a cycle: second already feeds third.',
    );
  });

  it('refuses a second edge into one input and says to delete the first', () => {
    expect(problem(link('words', 'text', 'third', 'a'))).toBe(
      'Input "a" of third already has an edge; delete that edge first.',
    );
  });

  it('refuses an edge into its own node, to a port that does not exist, or to nothing', () => {
    expect(problem(link('first', 'text', 'first', 'a'))).toBe('A node cannot feed its own input.');
    expect(problem(link('words', 'text', 'ocr', 'picture'))).toBe(
      'That port does not exist on this node type.',
    );
    expect(problem({ ...link('words', 'text', 'ocr', 'image'), targetHandle: null })).toBe(
      'Drop the edge on a port of another node.',
    );
  });

  it('knows the ports a node grows from its params', () => {
    // `second` has `{{b}}` because its template says so; `first` has no `b`.
    expect(problem(link('words', 'text', 'first', 'b'))).toBe(
      'That port does not exist on this node type.',
    );
  });
});
