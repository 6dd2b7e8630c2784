import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { EditorNode } from '../../model/types.ts';
import { useEditor } from '../../store/index.ts';
import { InputValueEditor } from './InputValueEditor.tsx';
import { NodePorts, UnknownPorts } from './NodePorts.tsx';
import { NodeRunDetail } from './NodeRunDetail.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/**
 * The one component that draws every node type, from the type's description alone: header,
 * typed handles, the value of a pipeline input, run state and output previews, problems.
 */
function PipelineNodeView({ id, data, selected }: NodeProps<EditorNode>) {
  const info = useEditor((s) => s.nodeTypes[data.type]);
  const status = useEditor((s) => s.nodeRuns[id]?.status);
  const problems = useEditor((s) => s.problemIndex[id]);
  const openMenu = useEditor((s) => s.openMenu);

  const classes = ['wnode', `cat-${info?.category ?? 'unknown'}`];
  if (selected) classes.push('selected');
  if (status) classes.push(`status-${status}`);
  if (problems) classes.push('has-problems');
  const name = info?.io ? data.params.name : undefined;

  return (
    <div className={classes.join(' ')} data-node-id={id} data-node-type={data.type}>
      <header className="wnode-header">
        <span className="wnode-dot" />
        <span className="wnode-title" title={info?.description ?? data.type}>
          {data.label ?? info?.title ?? data.type}
        </span>
        {info?.deterministic === false && (
          <span className="wnode-flag" title="Non-deterministic: re-runs unless asked to cache">
            ~
          </span>
        )}
        <button
          className="wnode-menu nodrag"
          aria-label={`Menu of ${id}`}
          onClick={(e) => openMenu({ nodeId: id, x: e.clientX, y: e.clientY })}
        >
          ⋯
        </button>
      </header>
      <div className="wnode-sub">
        <span className="wnode-id">{id}</span>
        {typeof name === 'string' && <span className="wnode-name">“{name}”</span>}
        {/* Here rather than in the header, so the title keeps its width while a run shows. */}
        <StatusBadge nodeId={id} />
      </div>
      {info ? (
        <NodePorts nodeId={id} info={info} params={data.params} />
      ) : (
        <>
          <div className="wnode-unknown">Unknown node type “{data.type}”</div>
          <UnknownPorts nodeId={id} />
        </>
      )}
      {info?.io === 'input' && <InputValueEditor nodeId={id} info={info} params={data.params} />}
      {problems && (
        <ul className="wnode-problems" role="alert">
          {problems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <NodeRunDetail nodeId={id} io={info?.io} name={data.params.name} />
    </div>
  );
}

export const PipelineNode = memo(PipelineNodeView);
