import { useEffect } from 'react';
import { isFragment } from '../model/clipboard.ts';
import { useEditor } from '../store/index.ts';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Copy, cut and paste of nodes through the system clipboard's own events, which need no
 * permission; the copied text is a small JSON fragment, so it pastes into another tab too.
 */
export function useClipboard() {
  useEffect(() => {
    const onCopy = (event: ClipboardEvent, cut: boolean) => {
      if (isTyping(event.target)) return;
      const fragment = useEditor.getState().copySelection();
      if (!fragment || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', JSON.stringify(fragment));
      event.preventDefault();
      if (cut) useEditor.getState().deleteSelection();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      try {
        const value: unknown = JSON.parse(text);
        if (!isFragment(value)) return;
        event.preventDefault();
        useEditor.getState().paste(value);
      } catch {
        // Not ours: leave it alone.
      }
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
