import { useEffect } from 'react';
import { useEditor } from '../store/index.ts';

const VALIDATE_DELAY_MS = 300;

/** Checks the pipeline on the server a moment after each change, to mark problems on nodes. */
export function useValidation() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void useEditor.getState().validateNow(), VALIDATE_DELAY_MS);
    };
    const unsubscribe = useEditor.subscribe((state, previous) => {
      if (state.rev !== previous.rev || state.nodeTypes !== previous.nodeTypes) schedule();
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}

/** The browser's own warning before leaving the page with unsaved changes. */
export function useUnsavedWarning() {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!useEditor.getState().isDirty()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
