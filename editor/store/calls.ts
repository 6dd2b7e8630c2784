import { api } from '../api/client.ts';
import { callPortParams } from '../model/calls.ts';
import type { Slice } from './types.ts';

export interface CallsSlice {
  /**
   * Points a node's pipeline param (one marked `x-weft-widget: pipeline`) at a saved pipeline
   * and gives the node that pipeline's inputs and outputs as ports, in one undo step.
   */
  pickPipeline(nodeId: string, param: string, id: string): Promise<void>;
}

export const callsSlice: Slice<CallsSlice> = (_set, get) => ({
  async pickPipeline(nodeId, param, id) {
    if (id === '') return get().setParams(nodeId, { [param]: id });
    let ports: Record<string, string[]> = {};
    try {
      const { pipeline } = await api.pipeline(id);
      const node = get().nodes.find((n) => n.id === nodeId);
      const info = node && get().nodeTypes[node.data.type];
      if (info) ports = callPortParams(info, pipeline, get().nodeTypes);
    } catch (error) {
      get().notify(
        `Could not read the inputs and outputs of "${id}": ${(error as Error).message}`,
        'error',
      );
    }
    // The node may have gone while the pipeline loaded; an undo step that changes nothing would
    // puzzle whoever presses undo.
    if (!get().nodes.some((n) => n.id === nodeId)) return;
    get().setParams(nodeId, { [param]: id, ...ports });
  },
});
