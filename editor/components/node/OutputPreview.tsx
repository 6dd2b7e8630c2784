import type { Preview } from '../../../pipeline/values.ts';
import { withToken } from '../../api/auth.ts';
import { useEditor } from '../../store/index.ts';
import { JsonTree } from './JsonTree.tsx';

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
          <JsonTree value={preview.value} shortened={preview.truncated} />
          {preview.truncated && <div className="wpreview-note">Shortened to fit the preview.</div>}
        </div>
      );
      break;
    case 'image':
      body = preview.url ? (
        <button className="wpreview-image nodrag" onClick={() => showImage(preview.url ?? null)}>
          <img src={withToken(preview.url)} alt={`${port} output`} />
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
