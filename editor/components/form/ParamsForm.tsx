import { useMemo } from 'react';
import type { NodeTypeInfo } from '../../../pipeline/node-type.ts';
import { fieldsOf, paramErrors } from '../../model/params.ts';
import { useEditor } from '../../store/index.ts';
import { ParamField } from './ParamField.tsx';

interface Props {
  nodeId: string;
  info: NodeTypeInfo;
  params: Record<string, unknown>;
}

/** The settings form of one node, built from its type's params schema and checked by it. */
export function ParamsForm({ nodeId, info, params }: Props) {
  const setParam = useEditor((s) => s.setParam);
  const pickPipeline = useEditor((s) => s.pickPipeline);
  const fields = useMemo(() => fieldsOf(info.paramsSchema), [info]);
  const errors = paramErrors(info.paramsSchema, params);

  // An input with a fallback param takes its value from the edge when it is connected.
  const fedByEdge = useEditor((s) => {
    const ports = info.inputs.filter((p) => p.param !== undefined);
    return ports
      .filter((p) => s.edges.some((e) => e.target === nodeId && e.targetHandle === p.id))
      .map((p) => p.param)
      .join('\n');
  });
  const fromEdge = new Set(fedByEdge.split('\n'));

  if (fields.length === 0) return <p className="wempty">This node has no settings.</p>;
  return (
    <div className="wform">
      {fields.map((field) => (
        <ParamField
          key={`${nodeId}:${field.key}`}
          field={field}
          value={params[field.key]}
          error={errors[field.key]}
          disabled={fromEdge.has(field.key)}
          onChange={(value) =>
            // A picked pipeline also sets the params its ports grow from.
            field.kind === 'pipeline'
              ? void pickPipeline(nodeId, field.key, String(value ?? ''))
              : setParam(nodeId, field.key, value)
          }
        />
      ))}
      {errors[''] && <div className="wfield-error">{errors['']}</div>}
    </div>
  );
}
