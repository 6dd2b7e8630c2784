import { create } from 'zustand';
import { setTokenAsker } from '../api/auth.ts';
import { callsSlice } from './calls.ts';
import { catalogueSlice } from './catalogue.ts';
import { documentSlice } from './document.ts';
import { graphSlice } from './graph.ts';
import { historySlice } from './history.ts';
import { inputsSlice } from './inputs.ts';
import { problemsSlice } from './problems.ts';
import { runSlice } from './run.ts';
import type { EditorState } from './types.ts';
import { uiSlice } from './ui.ts';

/** The editor's one store. Components read it through selectors, so a node re-renders alone. */
export const useEditor = create<EditorState>()((...a) => ({
  ...graphSlice(...a),
  ...historySlice(...a),
  ...documentSlice(...a),
  ...catalogueSlice(...a),
  ...runSlice(...a),
  ...inputsSlice(...a),
  ...problemsSlice(...a),
  ...uiSlice(...a),
  ...callsSlice(...a),
}));

// The API asks for its token through the editor's dialog.
setTokenAsker((refused) => useEditor.getState().askToken(refused));

export type { EditorState } from './types.ts';
