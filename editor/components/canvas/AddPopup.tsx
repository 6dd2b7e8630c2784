import type { KeyboardEvent } from 'react';
import { useState } from 'react';
import type { NodeTypeInfo } from '../../../pipeline/node-type.ts';
import { canConnect } from '../../../pipeline/ports.ts';
import { useEditor } from '../../store/index.ts';
import type { AddPopup as Popup } from '../../store/ui.ts';

export function matches(info: NodeTypeInfo, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const text = `${info.title} ${info.type} ${info.category} ${info.description}`.toLowerCase();
  return q.split(/\s+/).every((word) => text.includes(word));
}

/** Adds the chosen node type where the popup opened and, after a dragged edge, wires it. */
function useAdd(popup: Popup) {
  const from = popup.from;
  const fromType = useEditor((s) => {
    if (!from) return undefined;
    const node = s.nodes.find((n) => n.id === from.nodeId);
    const info = node && s.nodeTypes[node.data.type];
    const ports = from.handleType === 'source' ? info?.outputs : info?.inputs;
    return ports?.find((p) => p.id === from.handleId)?.type;
  });

  const fits = (info: NodeTypeInfo) => {
    if (!from || !fromType) return true;
    return from.handleType === 'source'
      ? info.inputs.some((p) => canConnect(fromType, p.type))
      : info.outputs.some((p) => canConnect(p.type, fromType));
  };

  const add = (info: NodeTypeInfo) => {
    const state = useEditor.getState();
    const id = state.addNode(info.type, popup.flow);
    state.openPopup(null);
    if (!id || !from || !fromType) return;
    if (from.handleType === 'source') {
      const port = info.inputs.find((p) => canConnect(fromType, p.type));
      if (port)
        state.connect({
          source: from.nodeId,
          sourceHandle: from.handleId,
          target: id,
          targetHandle: port.id,
        });
    } else {
      const port = info.outputs.find((p) => canConnect(p.type, fromType));
      if (port)
        state.connect({
          source: id,
          sourceHandle: port.id,
          target: from.nodeId,
          targetHandle: from.handleId,
        });
    }
  };
  return { fits, add };
}

/** The search-to-add popup: type to filter, arrows to choose, Enter to add, Escape to close. */
export function AddPopup({ popup }: { popup: Popup }) {
  const list = useEditor((s) => s.nodeTypeList);
  const openPopup = useEditor((s) => s.openPopup);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { fits, add } = useAdd(popup);
  const shown = list.filter((info) => fits(info) && matches(info, query));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') openPopup(null);
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, shown.length - 1));
    if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    const chosen = shown[active];
    if (event.key === 'Enter' && chosen) add(chosen);
    if (['ArrowDown', 'ArrowUp', 'Enter'].includes(event.key)) event.preventDefault();
  };

  return (
    <div
      className="wpopup"
      style={{ left: popup.screen.x, top: popup.screen.y }}
      role="dialog"
      aria-label="Add a node"
    >
      <input
        autoFocus
        placeholder="Add a node…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => openPopup(null), 150)}
      />
      <ul>
        {shown.map((info, i) => (
          <li key={info.type}>
            <button
              className={i === active ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => add(info)}
            >
              <span className={`wdot cat-${info.category}`} />
              <span className="wpopup-title">{info.title}</span>
              <span className="wpopup-type">{info.type}</span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="wempty">No node type matches.</li>}
      </ul>
    </div>
  );
}
