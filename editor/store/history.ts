import type { Graph } from '../model/types.ts';
import type { Slice } from './types.ts';

interface Snapshot extends Graph {
  rev: number;
}

export interface HistorySlice {
  past: Snapshot[];
  future: Snapshot[];
  /** Names the graph's current state; equal to `savedRev` when nothing changed since saving. */
  rev: number;
  savedRev: number;
  /** Edits with the same key in a short while are one undo step (typing into one field). */
  lastKey: { key: string; at: number } | null;
  /** Call before changing the graph: remembers the current state for undo. */
  record(key?: string): void;
  /** Drops the last record when the change it was for did not happen (a click, not a drag). */
  discardRecord(): void;
  undo(): void;
  redo(): void;
  resetHistory(): void;
  markSaved(): void;
}

const LIMIT = 200;
const COALESCE_MS = 1500;
let nextRev = 1;

export const historySlice: Slice<HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  rev: 0,
  savedRev: 0,
  lastKey: null,

  record(key) {
    const { nodes, edges, rev, past, lastKey } = get();
    const now = Date.now();
    if (key && lastKey?.key === key && now - lastKey.at < COALESCE_MS) {
      set({ lastKey: { key, at: now } });
      return;
    }
    set({
      past: [...past.slice(-LIMIT + 1), { nodes, edges, rev }],
      future: [],
      rev: nextRev++,
      lastKey: key ? { key, at: now } : null,
    });
  },

  discardRecord() {
    const { past } = get();
    const last = past[past.length - 1];
    if (last) set({ past: past.slice(0, -1), rev: last.rev, lastKey: null });
  },

  undo() {
    const { past, future, nodes, edges, rev } = get();
    const last = past[past.length - 1];
    if (!last) return;
    set({
      past: past.slice(0, -1),
      future: [...future, { nodes, edges, rev }],
      nodes: last.nodes,
      edges: last.edges,
      rev: last.rev,
      lastKey: null,
    });
  },

  redo() {
    const { past, future, nodes, edges, rev } = get();
    const next = future[future.length - 1];
    if (!next) return;
    set({
      past: [...past, { nodes, edges, rev }],
      future: future.slice(0, -1),
      nodes: next.nodes,
      edges: next.edges,
      rev: next.rev,
      lastKey: null,
    });
  },

  resetHistory() {
    const rev = nextRev++;
    set({ past: [], future: [], rev, savedRev: rev, lastKey: null });
  },

  markSaved() {
    set({ savedRev: get().rev });
  },
});
