import { describe, expect, it } from 'vitest';
import { previewOf, shrinkJson, type JsonValue } from '../../pipeline/values.ts';

describe('previewOf', () => {
  it.each([
    ['a text', 'hello', { kind: 'text', text: 'hello', truncated: false }],
    ['a number', 3, { kind: 'number', value: 3 }],
    ['a boolean', false, { kind: 'boolean', value: false }],
    ['nothing', undefined, { kind: 'empty' }],
    ['a small object', { a: [1, 2] }, { kind: 'json', value: { a: [1, 2] }, truncated: false }],
  ])('shows %s as it is', (_name, value, preview) => {
    expect(previewOf(value)).toEqual(preview);
  });

  it('keeps a large result a JSON tree, cut to fit, and says so', () => {
    const lines = Array.from({ length: 500 }, (_, i) => ({ text: `line ${i} `.repeat(20), n: i }));
    const preview = previewOf({ confidence: 94, lines });
    expect(preview.kind).toBe('json');
    if (preview.kind !== 'json') return;
    expect(preview.truncated).toBe(true);
    expect(JSON.stringify(preview.value).length).toBeLessThanOrEqual(4000);
    const value = preview.value as { confidence: number; lines: JsonValue[] };
    expect(value.confidence).toBe(94);
    expect(value.lines.at(-1)).toMatch(/^… \d+ more$/);
    expect(value.lines[0]).toMatchObject({ n: 0 });
  });

  it('summarises levels deeper than it can show', () => {
    let deep: JsonValue = 'bottom';
    for (let i = 0; i < 50; i++) deep = { next: deep, pad: 'x'.repeat(100) };
    const shrunk = shrinkJson(deep, 4000);
    expect(JSON.stringify(shrunk).length).toBeLessThanOrEqual(4000);
    expect(JSON.stringify(shrunk)).toContain('keys}');
  });
});
