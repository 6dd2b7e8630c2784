import type { NodeTypeInfo } from '../../pipeline/node-type.ts';
import { api } from '../api/client.ts';
import type { Catalogue } from '../model/ports.ts';
import type { Slice } from './types.ts';

export interface CatalogueSlice {
  /** Node types in the server's palette order. */
  nodeTypeList: NodeTypeInfo[];
  nodeTypes: Catalogue;
  /** Whether the last load failed, so the palette offers to try again. */
  catalogueFailed: boolean;
  loadCatalogue(): Promise<void>;
}

export const catalogueSlice: Slice<CatalogueSlice> = (set, get) => ({
  nodeTypeList: [],
  nodeTypes: {},
  catalogueFailed: false,

  async loadCatalogue() {
    try {
      const list = await api.nodeTypes();
      const nodeTypes = Object.fromEntries(list.map((t) => [t.type, t]));
      set({ nodeTypeList: list, nodeTypes, catalogueFailed: false });
    } catch (error) {
      set({ catalogueFailed: true });
      get().notify(`Could not load the node types: ${(error as Error).message}`, 'error');
    }
  },
});
