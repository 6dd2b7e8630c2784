import type { Problem } from '../../pipeline/problems.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { PipelineSummary, Sample } from '../api/client.ts';
import { api } from '../api/client.ts';
import type { FileMeta } from '../model/file.ts';
import { graphFromFile, graphToFile, metaFromFile } from '../model/file.ts';
import { readPipelineFile } from '../model/import.ts';
import type { Slice } from './types.ts';

export interface DocumentSlice {
  /** The saved pipeline on the canvas, or null for one never saved. */
  pipelineId: string | null;
  meta: FileMeta;
  metaDirty: boolean;
  pipelines: PipelineSummary[];
  samples: Sample[];
  /** Bumped to ask the canvas to fit the view (after opening or laying out). */
  fitRequest: number;
  isDirty(): boolean;
  /** Runs `action` now, or after the person agrees to drop unsaved changes. */
  guard(action: string, run: () => void): void;
  currentFile(): PipelineFile;
  loadFile(file: PipelineFile, id: string | null, problems?: Problem[]): void;
  newPipeline(): void;
  openPipeline(id: string): Promise<void>;
  save(): Promise<void>;
  rename(name: string): void;
  renameSaved(id: string, name: string): Promise<void>;
  deleteSaved(id: string): Promise<void>;
  refreshPipelines(): Promise<void>;
  importText(text: string): void;
}

const EMPTY_META: FileMeta = { name: 'Untitled' };

export const documentSlice: Slice<DocumentSlice> = (set, get) => ({
  pipelineId: null,
  meta: EMPTY_META,
  metaDirty: false,
  pipelines: [],
  samples: [],
  fitRequest: 0,

  isDirty() {
    const { rev, savedRev, metaDirty } = get();
    return rev !== savedRev || metaDirty;
  },

  guard(action, run) {
    if (!get().isDirty()) return run();
    get().askConfirm({
      message: 'This pipeline has unsaved changes. Discard them?',
      action,
      run,
    });
  },

  currentFile() {
    const { nodes, edges, meta } = get();
    return graphToFile({ nodes, edges }, meta);
  },

  loadFile(file, id, problems = []) {
    set({
      ...graphFromFile(file),
      meta: metaFromFile(file),
      metaDirty: false,
      pipelineId: id,
      samples: [],
      fitRequest: get().fitRequest + 1,
    });
    get().resetHistory();
    get().clearRun();
    get().clearInputs();
    get().setProblems(problems);
    history.replaceState(null, '', id ? `#/pipelines/${encodeURIComponent(id)}` : '#/');
    if (id)
      void api.samples(id).then(
        (samples) => set({ samples }),
        () => undefined,
      );
  },

  newPipeline() {
    get().loadFile({ version: 1, name: 'Untitled', nodes: [], edges: [] }, null);
  },

  async openPipeline(id) {
    try {
      const stored = await api.pipeline(id);
      get().loadFile(stored.pipeline, id, stored.problems);
    } catch (error) {
      get().notify(`Could not open "${id}": ${(error as Error).message}`, 'error');
    }
  },

  async save() {
    const file = get().currentFile();
    const rev = get().rev;
    try {
      const id = get().pipelineId;
      const saved = id ? await api.savePipeline(id, file) : await api.createPipeline(file);
      const savedId = saved?.id ?? id;
      set({ pipelineId: savedId, metaDirty: false, savedRev: rev });
      if (savedId) history.replaceState(null, '', `#/pipelines/${encodeURIComponent(savedId)}`);
      get().notify(`Saved "${file.name}".`);
      await get().refreshPipelines();
    } catch (error) {
      get().notify(`Could not save: ${(error as Error).message}`, 'error');
    }
  },

  rename(name) {
    set({ meta: { ...get().meta, name }, metaDirty: true });
  },

  async renameSaved(id, name) {
    try {
      if (id === get().pipelineId) {
        get().rename(name);
        await get().save();
        return;
      }
      const { pipeline } = await api.pipeline(id);
      await api.savePipeline(id, { ...pipeline, name });
      await get().refreshPipelines();
    } catch (error) {
      get().notify(`Could not rename: ${(error as Error).message}`, 'error');
    }
  },

  async deleteSaved(id) {
    try {
      await api.deletePipeline(id);
      if (id === get().pipelineId) {
        // The canvas keeps the pipeline as an unsaved one, so nothing is lost by accident.
        set({ pipelineId: null, savedRev: -1 });
        history.replaceState(null, '', '#/');
      }
      await get().refreshPipelines();
      get().notify('Deleted the saved pipeline.');
    } catch (error) {
      get().notify(`Could not delete: ${(error as Error).message}`, 'error');
    }
  },

  async refreshPipelines() {
    try {
      set({ pipelines: await api.pipelines() });
    } catch (error) {
      get().notify(`Could not list saved pipelines: ${(error as Error).message}`, 'error');
    }
  },

  importText(text) {
    const result = readPipelineFile(text);
    if (!result.ok) {
      get().notify(result.message, 'error');
      return;
    }
    get().loadFile(result.file, null, result.problems);
    // The server's check finds what the schema alone cannot (types, ports, cycles).
    void get().validateNow();
  },
});
