import type { NodeTypeInfo } from '../../pipeline/node-type.ts';
import { api } from '../api/client.ts';
import type { Catalogue } from '../model/ports.ts';
import type { Slice } from './types.ts';

export interface CatalogueSlice {
  /** Node types in the server's palette order. */
  nodeTypeList: NodeTypeInfo[];
  nodeTypes: Catalogue;
  loadCatalogue(): Promise<void>;
}

export const catalogueSlice: Slice<CatalogueSlice> = (set, get) => ({
  nodeTypeList: [],
  nodeTypes: {},

  async loadCatalogue() {
    try {
      const list = await api.nodeTypes();
      set({ nodeTypeList: list, nodeTypes: Object.fromEntries(list.map((t) => [t.type, t])) });
    } catch (error) {
      get().notify(`Could not load the node types: ${(error as Error).message}`, 'error');
    }
  },
});
