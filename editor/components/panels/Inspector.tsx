import { useEditor } from '../../store/index.ts';
import { ParamsForm } from '../form/ParamsForm.tsx';
import { PolicyForm } from '../form/PolicyForm.tsx';

/** The settings of the one selected node; with none or several selected, a short guide. */
export function Inspector() {
  const node = useEditor((s) => {
    const selected = s.nodes.filter((n) => n.selected);
    return selected.length === 1 ? selected[0] : undefined;
  });
  const count = useEditor((s) => s.nodes.filter((n) => n.selected).length);
  const info = useEditor((s) => (node ? s.nodeTypes[node.data.type] : undefined));
  const problems = useEditor((s) => (node ? s.problemIndex[node.id] : undefined));
  const setNodeField = useEditor((s) => s.setNodeField);

  if (!node) {
    return (
      <aside className="winspector">
        <p className="wempty">
          {count > 1
            ? `${count} nodes selected. Copy, duplicate (Ctrl+D) or delete them together.`
            : 'Select a node to edit its settings.'}
        </p>
      </aside>
    );
  }
  return (
    <aside className="winspector" aria-label="Node settings">
      <h2>{info?.title ?? node.data.type}</h2>
      <div className="winspector-type">
        {node.data.type} · <code>{node.id}</code>
      </div>
      {info && <p className="winspector-desc">{info.description}</p>}
      {problems && (
        <ul className="wnode-problems">
          {problems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <div className="wfield">
        <label htmlFor="node-label">Label</label>
        <input
          id="node-label"
          type="text"
          placeholder={info?.title}
          value={node.data.label ?? ''}
          onChange={(e) => setNodeField(node.id, 'label', e.target.value)}
        />
      </div>
      {info && <ParamsForm nodeId={node.id} info={info} params={node.data.params} />}
      <PolicyForm nodeId={node.id} policy={node.data.policy} />
    </aside>
  );
}
