import type { JsonValue, Preview } from '../../../pipeline/values.ts';
import { useEditor } from '../../store/index.ts';

function JsonTree({ value, name }: { value: JsonValue; name?: string }) {
  if (value === null || typeof value !== 'object') {
    return (
      <div className="wjson-leaf">
        {name !== undefined && <span className="wjson-key">{name}: </span>}
        <span className={`wjson-${value === null ? 'null' : typeof value}`}>
          {JSON.stringify(value)}
        </span>
      </div>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  const summary = Array.isArray(value) ? `[${value.length}]` : `{${entries.length}}`;
  return (
    <details className="wjson" open={name === undefined}>
      <summary>
        {name !== undefined && <span className="wjson-key">{name}: </span>}
        {summary}
      </summary>
      {entries.map(([key, child]) => (
        <JsonTree key={key} name={key} value={child} />
      ))}
    </details>
  );
}

/** One output on its node: text scrolls, JSON folds, an image is a thumbnail that opens. */
export function OutputPreview({ port, preview }: { port: string; preview: Preview }) {
  const showImage = useEditor((s) => s.showImage);
  let body;
  switch (preview.kind) {
    case 'text':
      body = (
        <pre className="wpreview-text nowheel">
          {preview.text}
          {preview.truncated && '…'}
        </pre>
      );
      break;
    case 'number':
    case 'boolean':
      body = <pre className="wpreview-text">{String(preview.value)}</pre>;
      break;
    case 'json':
      body = (
        <div className="wpreview-json nowheel">
          <JsonTree value={preview.value} />
        </div>
      );
      break;
    case 'image':
      body = preview.url ? (
        <button className="wpreview-image nodrag" onClick={() => showImage(preview.url ?? null)}>
          <img src={preview.url} alt={`${port} output`} />
          <span>
            {preview.width}×{preview.height}
          </span>
        </button>
      ) : (
        <span className="wpreview-meta">
          image {preview.width}×{preview.height}
        </span>
      );
      break;
    default:
      body = <span className="wpreview-meta">no value</span>;
  }
  return (
    <div className="wpreview" data-port={port}>
      <div className="wpreview-port">{port}</div>
      {body}
    </div>
  );
}
