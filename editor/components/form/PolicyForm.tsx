import { z } from 'zod';
import type { NodePolicy } from '../../../pipeline/schema.ts';
import { NodePolicySchema } from '../../../pipeline/schema.ts';
import { fieldsOf, paramErrors } from '../../model/params.ts';
import { useEditor } from '../../store/index.ts';
import { ParamField } from './ParamField.tsx';

// The policy is the same for every node type, so its form is built once from the format's schema.
const schema = z.toJSONSchema(NodePolicySchema, { io: 'input' }) as Record<string, unknown>;
const fields = fieldsOf(schema);

/** Time-out, retries and what to do on failure: what the engine does for this node. */
export function PolicyForm({ nodeId, policy }: { nodeId: string; policy: NodePolicy | undefined }) {
  const setNodeField = useEditor((s) => s.setNodeField);
  const values: Record<string, unknown> = policy ?? {};
  const errors = paramErrors(schema, values);
  return (
    <details className="wpolicy">
      <summary>Run policy</summary>
      <div className="wform">
        {fields.map((field) => (
          <ParamField
            key={`${nodeId}:${field.key}`}
            field={field}
            value={values[field.key]}
            error={errors[field.key]}
            onChange={(value) => {
              const next: Record<string, unknown> = { ...values, [field.key]: value };
              if (value === undefined || value === '') delete next[field.key];
              setNodeField(nodeId, 'policy', Object.keys(next).length > 0 ? next : undefined);
            }}
          />
        ))}
      </div>
    </details>
  );
}
