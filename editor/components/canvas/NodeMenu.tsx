import { useEffect } from 'react';
import { useEditor } from '../../store/index.ts';

/** A node's menu (its ⋯ button or a right click): partial runs, duplicate, delete. */
export function NodeMenu() {
  const menu = useEditor((s) => s.menu);
  const openMenu = useEditor((s) => s.openMenu);

  useEffect(() => {
    if (!menu) return;
    const close = () => openMenu(null);
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [menu, openMenu]);
  if (!menu) return null;

  const { nodeId } = menu;
  const act = (run: () => void) => () => {
    openMenu(null);
    run();
  };
  const select = () => {
    const state = useEditor.getState();
    useEditor.setState({
      nodes: state.nodes.map((n) =>
        n.selected === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId },
      ),
    });
    return state;
  };

  return (
    <div
      className="wmenu"
      role="menu"
      style={{ left: menu.x, top: menu.y }}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <button
        role="menuitem"
        onClick={act(() => void useEditor.getState().startRun({ runTo: nodeId }))}
      >
        Run to here
      </button>
      <button
        role="menuitem"
        onClick={act(() => void useEditor.getState().startRun({ runFrom: nodeId }))}
      >
        Run from here
      </button>
      <hr />
      <button role="menuitem" onClick={act(() => select().duplicateSelection())}>
        Duplicate
      </button>
      <button role="menuitem" className="danger" onClick={act(() => select().deleteSelection())}>
        Delete
      </button>
    </div>
  );
}
