import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import type { NodeTypeInfo } from '../../../pipeline/node-type.ts';
import { useEditor } from '../../store/index.ts';
import { matches } from '../canvas/AddPopup.tsx';
import { NODE_TYPE_MIME } from '../canvas/useCanvasDrop.ts';

function group(list: NodeTypeInfo[]): [string, NodeTypeInfo[]][] {
  const groups = new Map<string, NodeTypeInfo[]>();
  for (const info of list) {
    const members = groups.get(info.category);
    if (members) members.push(info);
    else groups.set(info.category, [info]);
  }
  return [...groups];
}

/** Every node type by category, with a search box; drag one onto the canvas, or click it. */
export function Palette() {
  const list = useEditor((s) => s.nodeTypeList);
  const failed = useEditor((s) => s.catalogueFailed);
  const loadCatalogue = useEditor((s) => s.loadCatalogue);
  const [query, setQuery] = useState('');
  const { screenToFlowPosition } = useReactFlow();

  const addAtCentre = (type: string) => {
    const canvas = document.querySelector('.wcanvas')?.getBoundingClientRect();
    const centre = canvas
      ? { x: canvas.left + canvas.width / 2 - 100, y: canvas.top + canvas.height / 2 - 50 }
      : { x: 400, y: 300 };
    useEditor.getState().addNode(type, screenToFlowPosition(centre));
  };

  const groups = group(list.filter((info) => matches(info, query)));
  return (
    <div className="wpalette">
      <input
        type="search"
        className="wsearch"
        placeholder="Search node types"
        aria-label="Search node types"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.map(([category, members]) => (
        <section key={category} className={`wpalette-group cat-${category}`}>
          <h3>{category}</h3>
          {members.map((info) => (
            <div
              key={info.type}
              className="wpalette-item"
              draggable
              role="button"
              tabIndex={0}
              data-node-type={info.type}
              title={`${info.description}\nDrag onto the canvas, or click to add.`}
              onDragStart={(e) => {
                e.dataTransfer.setData(NODE_TYPE_MIME, info.type);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => addAtCentre(info.type)}
              onKeyDown={(e) => e.key === 'Enter' && addAtCentre(info.type)}
            >
              <span className="wdot" />
              <span className="wpalette-title">{info.title}</span>
              <span className="wpalette-desc">{info.description}</span>
            </div>
          ))}
        </section>
      ))}
      {list.length === 0 && failed && (
        <div className="wempty">
          <p>The node types did not load.</p>
          <button className="wbutton" onClick={() => void loadCatalogue()}>
            Try again
          </button>
        </div>
      )}
      {list.length === 0 && !failed && <p className="wempty">Loading the node types…</p>}
      {list.length > 0 && groups.length === 0 && (
        <p className="wempty">No node type matches “{query}”.</p>
      )}
    </div>
  );
}
