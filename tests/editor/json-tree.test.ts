import { describe, expect, it } from 'vitest';
import { branchOf, countLabel, cutLabel, peekOf } from '../../editor/model/json-tree.ts';
import { previewOf } from '../../pipeline/values.ts';
import type { JsonValue } from '../../pipeline/values.ts';

describe('the JSON preview tree', () => {
  it('counts the items and keys of a branch', () => {
    expect(countLabel(branchOf([1, 2, 3], false))).toBe('[3 items]');
    expect(countLabel(branchOf({ a: 1 }, false))).toBe('{1 key}');
    expect(countLabel(branchOf([], false))).toBe('[0 items]');
  });

  it('glimpses a folded branch on one line, leaving out lists of objects', () => {
    expect(peekOf(branchOf({ id: 0, name: 'row 0', tags: ['a'] }, false))).toBe(
      'id: 0, name: "row 0", tags: [1]',
    );
    expect(peekOf(branchOf([1, 2, 3], false))).toBe('1, 2, 3');
    expect(peekOf(branchOf([{ a: 1 }], false))).toBe('');
    expect(peekOf(branchOf({ text: 'x'.repeat(100), n: 1 }, false))).toBe(
      `text: "${'x'.repeat(22)}…", n: 1`,
    );
    expect(peekOf(branchOf(Object.fromEntries([...'abcdefghij'].map((k) => [k, 1])), false))).toBe(
      'a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1, h: 1, …',
    );
  });

  it("reads the engine's marks in a shortened preview as counts of what was left out", () => {
    const big = {
      rows: Array.from({ length: 500 }, (_, i) => ({ id: i, deep: { deeper: { deepest: [i] } } })),
      keys: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
    };
    const preview = previewOf(big);
    if (preview.kind !== 'json') throw new Error(`expected a JSON preview, got ${preview.kind}`);
    expect(preview.truncated).toBe(true);

    const value = preview.value as { rows: JsonValue[]; keys: Record<string, JsonValue> };
    const rows = branchOf(value.rows, true);
    expect(rows.entries.length + rows.omitted).toBe(500);
    expect(countLabel(rows)).toBe('[500 items]');
    expect(rows.entries.every(([, row]) => typeof row === 'object')).toBe(true);
    const keys = branchOf(value.keys, true);
    expect(countLabel(keys)).toBe('{300 keys}');
    expect(keys.entries.some(([key]) => key === '…')).toBe(false);
  });

  it('shows a branch cut whole for depth by its count', () => {
    expect(cutLabel('[… 12 items]', true)).toBe('[12 items]');
    expect(cutLabel('{… 1 keys}', true)).toBe('{1 key}');
  });

  it('takes those same words as data in a whole preview', () => {
    expect(cutLabel('[… 12 items]', false)).toBeNull();
    const list = branchOf(['a', '… 3 more'], false);
    expect(list.entries.map(([, v]) => v)).toEqual(['a', '… 3 more']);
    expect(list.omitted).toBe(0);
    expect(branchOf({ '…': '2 more keys' }, false).entries).toHaveLength(1);
  });
});
