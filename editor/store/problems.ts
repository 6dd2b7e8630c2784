import type { Problem } from '../../pipeline/problems.ts';
import { api } from '../api/client.ts';
import type { Slice } from './types.ts';

export interface ProblemsSlice {
  /** Problems found when the file was read (schema), kept until another file is opened. */
  fileProblems: Problem[];
  /** Problems the server's check found in what is on the canvas now. */
  checkProblems: Problem[];
  /** Messages by node id, for the marks on nodes; '' holds those of the whole pipeline. */
  problemIndex: Record<string, string[]>;
  setProblems(fileProblems: Problem[]): void;
  validateNow(): Promise<void>;
}

function indexOf(problems: Problem[], edgeTargets: Map<string, string>) {
  const index: Record<string, string[]> = {};
  for (const problem of problems) {
    const key = problem.nodeId ?? (problem.edgeId && edgeTargets.get(problem.edgeId)) ?? '';
    (index[key] ??= []).push(problem.message);
  }
  return index;
}

let latest = 0;

export const problemsSlice: Slice<ProblemsSlice> = (set, get) => {
  const reindex = (fileProblems: Problem[], checkProblems: Problem[]) => {
    const targets = new Map(get().edges.map((e) => [e.id, e.target]));
    const seen = new Set<string>();
    const all = [...fileProblems, ...checkProblems].filter((p) => {
      const key = `${p.nodeId ?? p.edgeId ?? ''}:${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    set({ fileProblems, checkProblems, problemIndex: indexOf(all, targets) });
  };

  return {
    fileProblems: [],
    checkProblems: [],
    problemIndex: {},

    setProblems(fileProblems) {
      reindex(fileProblems, []);
    },

    async validateNow() {
      const ticket = ++latest;
      try {
        const { problems } = await api.validate(get().currentFile());
        // An older answer must not overwrite the marks of a newer edit.
        if (ticket === latest) reindex(get().fileProblems, problems);
      } catch {
        // Validation is advisory; a run reports the same problems when it is refused.
      }
    },
  };
};
