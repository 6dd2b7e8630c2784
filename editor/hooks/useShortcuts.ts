import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { pointer } from '../components/canvas/Canvas.tsx';
import { useEditor } from '../store/index.ts';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The editor's keys. Save and Run work everywhere; the rest only when no field has focus, so
 * typing in a form never deletes a node.
 */
export function useShortcuts() {
  const { screenToFlowPosition } = useReactFlow();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = useEditor.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const handled = () => event.preventDefault();

      if (mod && key === 's') return (handled(), void state.save());
      if (mod && key === 'enter') {
        // React Flow would also take Enter as "select the focused node", adding to the selection
        // while Ctrl is down.
        event.stopPropagation();
        return (handled(), void state.startRun());
      }
      if (key === 'escape') return (state.openPopup(null), state.openMenu(null));
      if (isTyping(event.target) || state.confirm) return;

      if (mod && key === 'z' && event.shiftKey) return (handled(), state.redo());
      if (mod && key === 'y') return (handled(), state.redo());
      if (mod && key === 'z') return (handled(), state.undo());
      if (mod && key === 'd') return (handled(), state.duplicateSelection());
      if (mod && key === 'a') {
        handled();
        useEditor.setState({
          nodes: state.nodes.map((n) => (n.selected ? n : { ...n, selected: true })),
        });
        return;
      }
      if (key === 'delete' || key === 'backspace') return (handled(), state.deleteSelection());
      if (key === '/' || (key === 'a' && event.shiftKey)) {
        handled();
        state.openPopup({ screen: { ...pointer }, flow: screenToFlowPosition(pointer) });
      }
    };
    // Capturing, so the editor's keys come before those of whatever element has focus.
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [screenToFlowPosition]);
}
