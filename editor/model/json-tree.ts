import type { JsonValue } from '../../pipeline/values.ts';

/** An object or a list as a preview tree shows it: its children, and how many were left out. */
export interface JsonBranch {
  list: boolean;
  entries: [key: string, value: JsonValue][];
  /** Items or keys the engine left out to keep the preview small (`shrinkJson`). */
  omitted: number;
}

// The marks `shrinkJson` in pipeline/values.ts leaves where it cut a large value.
const MORE_ITEMS = /^… (\d+) more$/;
const MORE_KEYS = /^(\d+) more keys$/;
const CUT_LIST = /^\[… (\d+) items\]$/;
const CUT_OBJECT = /^\{… (\d+) keys\}$/;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The children of an object or list. In a `shortened` preview the engine's marks of what it left
 * out are read as counts rather than shown as data; in a whole one every string is data.
 */
export function branchOf(
  value: JsonValue[] | { [key: string]: JsonValue },
  shortened: boolean,
): JsonBranch {
  if (Array.isArray(value)) {
    const last = value[value.length - 1];
    const more = shortened && typeof last === 'string' ? MORE_ITEMS.exec(last) : null;
    const items = more ? value.slice(0, -1) : value;
    return {
      list: true,
      entries: items.map((item, i) => [String(i), item]),
      omitted: more ? Number(more[1]) : 0,
    };
  }
  const entries = Object.entries(value);
  const marker = entries.find(([key]) => key === '…');
  const more =
    shortened && marker && typeof marker[1] === 'string' ? MORE_KEYS.exec(marker[1]) : null;
  return {
    list: false,
    entries: more ? entries.filter(([key]) => key !== '…') : entries,
    omitted: more ? Number(more[1]) : 0,
  };
}

/** How a folded branch reads: `[8 items]`, `{1 key}`, counting what was left out. */
export function countLabel(branch: JsonBranch): string {
  const count = branch.entries.length + branch.omitted;
  return branch.list ? `[${plural(count, 'item')}]` : `{${plural(count, 'key')}}`;
}

/** A branch the engine cut whole, too deep to keep (`[… 12 items]`), as its label; else null. */
export function cutLabel(value: JsonValue, shortened: boolean): string | null {
  if (!shortened || typeof value !== 'string') return null;
  const list = CUT_LIST.exec(value);
  if (list) return `[${plural(Number(list[1]), 'item')}]`;
  const object = CUT_OBJECT.exec(value);
  return object ? `{${plural(Number(object[1]), 'key')}}` : null;
}

function short(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value !== null && typeof value === 'object') return '{…}';
  const text = JSON.stringify(value);
  return text.length > 24 ? `${text.slice(0, 23)}…"` : text;
}

/**
 * A one-line glimpse of a folded branch's first children: `id: 0, name: "row 0", …` for an
 * object, `1, 2, 3, …` for a list of plain values; nothing for a list of lists or objects,
 * where `{…}, {…}` would say no more than the count.
 */
export function peekOf(branch: JsonBranch, max = 48): string {
  let peek = '';
  for (const [key, value] of branch.entries) {
    if (branch.list && value !== null && typeof value === 'object') return '';
    const part = branch.list ? short(value) : `${key}: ${short(value)}`;
    const next = peek === '' ? part : `${peek}, ${part}`;
    if (next.length > max) return peek === '' ? '…' : `${peek}, …`;
    peek = next;
  }
  return branch.omitted > 0 && peek !== '' ? `${peek}, …` : peek;
}
