import { useRef } from 'react';
import { useEditor } from '../../store/index.ts';
import { formatDuration } from '../node/StatusBadge.tsx';

const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** Offers the pipeline file as a download named after the pipeline. */
export function downloadFile() {
  const file = useEditor.getState().currentFile();
  const blob = new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${file.name.replace(/[^\w.-]+/g, '-').toLowerCase() || 'pipeline'}.weft.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

export async function autoLayout() {
  // elkjs is large and needed only here, so it loads on first use.
  const { layoutLeftToRight } = await import('../../model/layout.ts');
  const state = useEditor.getState();
  const positions = await layoutLeftToRight({ nodes: state.nodes, edges: state.edges });
  state.moveNodes(positions);
  useEditor.setState({ fitRequest: state.fitRequest + 1 });
}

function RunButton() {
  const run = useEditor((s) => s.run);
  const busy = run?.status === 'running' || run?.status === 'starting';
  const state = useEditor.getState;
  return (
    <div className="wrun">
      {busy ? (
        <button className="wbutton danger" onClick={() => void state().cancelRun()}>
          Cancel
        </button>
      ) : (
        <button
          className="wbutton primary"
          aria-label="Run"
          title={`Run (${mod}Enter)`}
          onClick={() => void state().startRun()}
        >
          ▶ Run
        </button>
      )}
      {run && (
        <span className={`wrun-status wbadge-${run.status}`} role="status" title={run.error}>
          {run.status}
          {run.durationMs !== undefined && ` in ${formatDuration(run.durationMs)}`}
        </span>
      )}
    </div>
  );
}

/** The pipeline's name, file and edit commands, and Run. */
export function Toolbar() {
  const name = useEditor((s) => s.meta.name);
  const dirty = useEditor((s) => s.rev !== s.savedRev || s.metaDirty);
  const neverSaved = useEditor((s) => s.pipelineId === null && s.nodes.length > 0);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const picker = useRef<HTMLInputElement>(null);
  const state = useEditor.getState;

  return (
    <header className="wtoolbar">
      <span className="wlogo">Weft</span>
      <input
        className="wname"
        aria-label="Pipeline name"
        value={name}
        onChange={(e) => state().rename(e.target.value)}
      />
      <span className={`wdirty${dirty ? ' on' : ''}`}>
        {dirty ? 'unsaved' : neverSaved ? 'not saved' : 'saved'}
      </span>
      <nav className="wtools">
        <button className="wbutton" onClick={() => state().guard('New', state().newPipeline)}>
          New
        </button>
        <button className="wbutton" title={`Save (${mod}S)`} onClick={() => void state().save()}>
          Save
        </button>
        <button className="wbutton" onClick={() => picker.current?.click()}>
          Import
        </button>
        <button className="wbutton" onClick={downloadFile}>
          Export
        </button>
        <span className="wsep" />
        <button
          className="wbutton"
          title={`Undo (${mod}Z)`}
          disabled={!canUndo}
          onClick={() => state().undo()}
        >
          Undo
        </button>
        <button
          className="wbutton"
          title={`Redo (${mod}Shift+Z)`}
          disabled={!canRedo}
          onClick={() => state().redo()}
        >
          Redo
        </button>
        <button
          className="wbutton"
          title="Lay the graph out left to right"
          onClick={() => void autoLayout()}
        >
          Auto-layout
        </button>
      </nav>
      <RunButton />
      <input
        ref={picker}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Import a pipeline file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) state().guard('Import', () => void file.text().then(state().importText));
        }}
      />
    </header>
  );
}
