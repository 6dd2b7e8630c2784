import type { JsonValue } from '../../../pipeline/values.ts';
import { branchOf, countLabel, cutLabel, peekOf } from '../../model/json-tree.ts';

interface Props {
  value: JsonValue;
  /** The engine shortened the value to fit a preview; its marks of what it left out are read. */
  shortened: boolean;
  name?: string;
  depth?: number;
}

function Key({ name }: { name: string | undefined }) {
  return name === undefined ? null : <span className="wjson-key">{name}: </span>;
}

/**
 * A JSON value as a tree: the first level open, deeper objects and lists folded, each with its
 * count, so a large result reads at a glance and opens where it matters.
 */
export function JsonTree({ value, shortened, name, depth = 0 }: Props) {
  const cut = cutLabel(value, shortened);
  if (cut !== null) {
    return (
      <div className="wjson-leaf" title="Left out of the preview">
        <Key name={name} />
        <span className="wjson-cut">{cut}</span>
      </div>
    );
  }
  if (value === null || typeof value !== 'object') {
    return (
      <div className="wjson-leaf">
        <Key name={name} />
        <span className={`wjson-${value === null ? 'null' : typeof value}`}>
          {JSON.stringify(value)}
        </span>
      </div>
    );
  }
  const branch = branchOf(value, shortened);
  const peek = depth > 0 ? peekOf(branch) : '';
  return (
    <details className="wjson" open={depth === 0}>
      <summary>
        <Key name={name} />
        <span className="wjson-count">{countLabel(branch)}</span>
        {peek !== '' && <span className="wjson-peek"> {peek}</span>}
      </summary>
      {branch.entries.map(([key, child]) => (
        <JsonTree key={key} name={key} value={child} shortened={shortened} depth={depth + 1} />
      ))}
      {branch.omitted > 0 && (
        <div className="wjson-leaf wjson-cut">
          … {branch.omitted} more {branch.list ? 'items' : 'keys'}
        </div>
      )}
    </details>
  );
}
