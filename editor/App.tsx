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

/** Opens what the address names: `#/pipelines/<id>`, or an empty canvas. */
async function start() {
  const state = useEditor.getState();
  await Promise.all([state.loadCatalogue(), state.refreshPipelines(), state.loadRunHistory()]);
  const match = /^#\/pipelines\/(.+)$/.exec(location.hash);
  if (match?.[1]) await state.openPipeline(decodeURIComponent(match[1]));
  else state.newPipeline();
}

function Editor() {
  useShortcuts();
  useClipboard();
  useValidation();
  useUnsavedWarning();
  useEffect(() => void start(), []);
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
