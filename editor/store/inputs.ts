import type { PortType } from '../../pipeline/ports.ts';
import { apiFetch } from '../api/auth.ts';
import type { Sample } from '../api/client.ts';
import type { Slice } from './types.ts';

/** A value given to one of the pipeline's input nodes for the next run. */
export type InputValue =
  { kind: 'text'; text: string } | { kind: 'image'; dataUrl: string; name: string; bytes: number };

export interface InputsSlice {
  /** By input node id. */
  inputs: Record<string, InputValue>;
  setInput(nodeId: string, value: InputValue | undefined): void;
  clearInputs(): void;
  useSample(nodeId: string, sample: Sample): Promise<void>;
  /** The run's inputs by name, converted to the type of each input node's output. */
  runInputs(): Record<string, unknown>;
}

export function readDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(blob);
  });
}

function convert(text: string, type: PortType): unknown {
  if (type === 'number') return Number(text);
  if (type === 'boolean') return text.trim().toLowerCase() === 'true';
  if (type === 'json') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export const inputsSlice: Slice<InputsSlice> = (set, get) => ({
  inputs: {},

  setInput(nodeId, value) {
    const inputs = { ...get().inputs };
    if (value === undefined) delete inputs[nodeId];
    else inputs[nodeId] = value;
    set({ inputs });
  },

  clearInputs() {
    set({ inputs: {} });
  },

  async useSample(nodeId, sample) {
    try {
      const response = await apiFetch(sample.url);
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      const blob = await response.blob();
      if (sample.mediaType.startsWith('image/')) {
        const dataUrl = await readDataUrl(blob);
        get().setInput(nodeId, { kind: 'image', dataUrl, name: sample.file, bytes: blob.size });
      } else {
        get().setInput(nodeId, { kind: 'text', text: await blob.text() });
      }
    } catch (error) {
      get().notify(`Could not load the sample: ${(error as Error).message}`, 'error');
    }
  },

  runInputs() {
    const { nodes, nodeTypes, inputs } = get();
    const values: Record<string, unknown> = {};
    for (const node of nodes) {
      const info = nodeTypes[node.data.type];
      const value = inputs[node.id];
      if (info?.io !== 'input' || !value) continue;
      const name = typeof node.data.params.name === 'string' ? node.data.params.name : node.id;
      const type = info.outputs[0]?.type ?? 'text';
      values[name] = value.kind === 'image' ? value.dataUrl : convert(value.text, type);
    }
    return values;
  },
});
