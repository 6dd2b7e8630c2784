import type { XYPosition } from '@xyflow/react';
import type { DragEvent } from 'react';
import { useEditor } from '../../store/index.ts';

/** The drag type the palette puts a node type id under. */
export const NODE_TYPE_MIME = 'application/x-weft-node-type';

/**
 * Drops on the canvas: a node type from the palette is added where it lands; a JSON file
 * is imported as a pipeline (after the unsaved-changes question).
 */
export function useCanvasDrop() {
  const onDragOver = (event: DragEvent) => {
    const types = event.dataTransfer.types;
    if (types.includes(NODE_TYPE_MIME) || types.includes('Files')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = types.includes('Files') ? 'copy' : 'move';
    }
  };

  const onDrop = (event: DragEvent, toFlow: (point: XYPosition) => XYPosition) => {
    const state = useEditor.getState();
    const type = event.dataTransfer.getData(NODE_TYPE_MIME);
    if (type) {
      event.preventDefault();
      state.addNode(type, toFlow({ x: event.clientX - 20, y: event.clientY - 20 }));
      return;
    }
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    state.guard('Import', () => void file.text().then((text) => state.importText(text)));
  };

  return { onDragOver, onDrop };
}
