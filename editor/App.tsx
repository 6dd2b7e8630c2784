import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './components/canvas/Canvas.tsx';
import { Overlays } from './components/Overlays.tsx';
import { Inspector } from './components/panels/Inspector.tsx';
import { Sidebar } from './components/panels/Sidebar.tsx';
import { Toolbar } from './components/panels/Toolbar.tsx';
import { useClipboard } from './hooks/useClipboard.ts';
import { useUnsavedWarning, useValidation } from './hooks/useDocumentGuards.ts';
import { useShortcuts } from './hooks/useShortcuts.ts';
import { useEditor } from './store/index.ts';

const pipelineInHash = () => {
  const match = /^#\/pipelines\/(.+)$/.exec(location.hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
};

/** Opens what the address names: `#/pipelines/<id>`, or an empty canvas. */
async function openFromHash() {
  const state = useEditor.getState();
  const id = pipelineInHash();
  if (id === state.pipelineId && id !== null) return;
  if (id) await state.openPipeline(id);
  else if (state.nodes.length > 0 || state.pipelineId) state.guard('New', state.newPipeline);
  else state.newPipeline();
}

async function start() {
  const state = useEditor.getState();
  await Promise.all([state.loadCatalogue(), state.refreshPipelines(), state.loadRunHistory()]);
  await openFromHash();
  // Tests and scripts wait for this before they drive the page.
  document.body.dataset.ready = 'true';
}

function Editor() {
  useShortcuts();
  useClipboard();
  useValidation();
  useUnsavedWarning();
  useEffect(() => {
    void start();
    // The address changed by hand or by Back: open what it names now.
    const onHashChange = () => {
      const state = useEditor.getState();
      const id = pipelineInHash();
      if (id && id !== state.pipelineId) state.guard('Open', () => void state.openPipeline(id));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return (
    <div className="wapp">
      <Toolbar />
      <div className="wmain">
        <Sidebar />
        <Canvas />
        <Inspector />
      </div>
      <Overlays />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}
