import { useState } from 'react';
import type { Field } from '../../model/params.ts';
import { PipelinePicker } from './PipelinePicker.tsx';

interface Props {
  field: Field;
  value: unknown;
  error?: string | undefined;
  disabled?: boolean;
  onChange(value: unknown): void;
}

/** A JSON value edited as text; kept locally until it parses, so typing is never lost. */
function JsonEditor({
  value,
  onChange,
  id,
}: {
  value: unknown;
  onChange(v: unknown): void;
  id: string;
}) {
  const [text, setText] = useState(() =>
    value === undefined ? '' : JSON.stringify(value, null, 2),
  );
  const [bad, setBad] = useState<string | null>(null);
  return (
    <>
      <textarea
        id={id}
        rows={4}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(e.target.value.trim() === '' ? undefined : JSON.parse(e.target.value));
            setBad(null);
          } catch (error) {
            setBad(`Not valid JSON: ${(error as Error).message}`);
          }
        }}
      />
      {bad && <div className="wfield-error">{bad}</div>}
    </>
  );
}

function Control({ field, value, onChange, disabled, id }: Props & { id: string }) {
  const placeholder = field.default === undefined ? undefined : String(field.default);
  switch (field.kind) {
    case 'boolean':
      return (
        <input
          id={id}
          type="checkbox"
          disabled={disabled}
          checked={(value ?? field.default) === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'choice':
      return (
        <select
          id={id}
          disabled={disabled}
          value={String(value ?? field.default ?? '')}
          onChange={(e) => {
            const option = field.options.find((o) => String(o) === e.target.value);
            onChange(option);
          }}
        >
          {!field.required && field.default === undefined && <option value="">—</option>}
          {field.options.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      );
    case 'number':
      return (
        <input
          id={id}
          type="number"
          disabled={disabled}
          min={field.min}
          max={field.max}
          step={field.integer ? 1 : 'any'}
          placeholder={placeholder}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    case 'text': {
      const common = {
        id,
        disabled,
        placeholder,
        value: typeof value === 'string' ? value : '',
        onChange: (e: { target: { value: string } }) => onChange(e.target.value),
      };
      return field.multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        <input type="text" {...common} />
      );
    }
    case 'list':
      return (
        <textarea
          id={id}
          rows={3}
          disabled={disabled}
          placeholder="One per line"
          value={Array.isArray(value) ? value.join('\n') : ''}
          onChange={(e) => onChange(e.target.value === '' ? [] : e.target.value.split('\n'))}
        />
      );
    case 'pipeline':
      return <PipelinePicker id={id} value={value} disabled={disabled} onChange={onChange} />;
    default:
      return <JsonEditor id={id} value={value} onChange={onChange} />;
  }
}

/** One param: its label, its control by schema type, limits, and the schema's message if bad. */
export function ParamField(props: Props) {
  const { field, error } = props;
  const id = `param-${field.key}`;
  const limits =
    field.kind === 'number' && (field.min !== undefined || field.max !== undefined)
      ? `${field.min ?? '…'} to ${field.max ?? '…'}`
      : null;
  return (
    <div className={`wfield wfield-${field.kind}${error ? ' invalid' : ''}`} data-param={field.key}>
      <label htmlFor={id}>
        {field.label}
        {field.required && <span className="wrequired"> *</span>}
        {limits && <span className="wlimits">{limits}</span>}
      </label>
      <Control {...props} id={id} />
      {field.description && <div className="wfield-help">{field.description}</div>}
      {error && (
        <div className="wfield-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
