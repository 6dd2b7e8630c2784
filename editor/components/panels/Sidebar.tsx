import { useEditor } from '../../store/index.ts';
import { Palette } from './Palette.tsx';
import { PipelineList } from './PipelineList.tsx';
import { RunHistory } from './RunHistory.tsx';

const TABS = [
  ['palette', 'Nodes'],
  ['pipelines', 'Pipelines'],
  ['runs', 'Runs'],
] as const;

/** The left column: the node palette, the saved pipelines and the run history. */
export function Sidebar() {
  const tab = useEditor((s) => s.sidebar);
  const showSidebar = useEditor((s) => s.showSidebar);
  return (
    <aside className="wsidebar">
      <div className="wtabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : ''}
            onClick={() => showSidebar(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="wtab-body">
        {tab === 'palette' && <Palette />}
        {tab === 'pipelines' && <PipelineList />}
        {tab === 'runs' && <RunHistory />}
      </div>
    </aside>
  );
}
