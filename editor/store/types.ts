import type { StateCreator } from 'zustand';
import type { CallsSlice } from './calls.ts';
import type { CatalogueSlice } from './catalogue.ts';
import type { DocumentSlice } from './document.ts';
import type { GraphSlice } from './graph.ts';
import type { HistorySlice } from './history.ts';
import type { InputsSlice } from './inputs.ts';
import type { ProblemsSlice } from './problems.ts';
import type { RunSlice } from './run.ts';
import type { UiSlice } from './ui.ts';

/** Everything the editor knows, in one zustand store made of slices by responsibility. */
export type EditorState = GraphSlice &
  HistorySlice &
  DocumentSlice &
  CatalogueSlice &
  RunSlice &
  InputsSlice &
  ProblemsSlice &
  UiSlice &
  CallsSlice;

export type Slice<T> = StateCreator<EditorState, [], [], T>;
