import { withToken } from '../api/auth.ts';
import { useEditor } from '../store/index.ts';
import { AddPopup } from './canvas/AddPopup.tsx';
import { NodeMenu } from './canvas/NodeMenu.tsx';
import { TokenDialog } from './TokenDialog.tsx';

function Toasts() {
  const toasts = useEditor((s) => s.toasts);
  const dismiss = useEditor((s) => s.dismiss);
  return (
    <div className="wtoasts" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`wtoast ${toast.tone}`}
          role={toast.tone === 'error' ? 'alert' : 'status'}
        >
          <span>{toast.text}</span>
          <button aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

function ConfirmDialog() {
  const confirm = useEditor((s) => s.confirm);
  const askConfirm = useEditor((s) => s.askConfirm);
  if (!confirm) return null;
  return (
    <div className="wbackdrop">
      <div className="wdialog" role="alertdialog" aria-label={confirm.message}>
        <p>{confirm.message}</p>
        <div className="wdialog-actions">
          <button className="wbutton" autoFocus onClick={() => askConfirm(null)}>
            Keep editing
          </button>
          <button
            className="wbutton danger"
            onClick={() => {
              askConfirm(null);
              confirm.run();
            }}
          >
            {confirm.action === 'Delete' ? 'Delete' : `Discard and ${confirm.action.toLowerCase()}`}
          </button>
        </div>
      </div>
    </div>
  );
}

function ImageViewer() {
  const url = useEditor((s) => s.viewer);
  const showImage = useEditor((s) => s.showImage);
  if (!url) return null;
  return (
    <div className="wbackdrop" onClick={() => showImage(null)} role="dialog" aria-label="Image">
      <img className="wviewer" src={withToken(url)} alt="Output at full size" />
    </div>
  );
}

/** Everything drawn above the editor: popups, menus, dialogs, notices. */
export function Overlays() {
  const popup = useEditor((s) => s.popup);
  return (
    <>
      {popup && <AddPopup popup={popup} />}
      <NodeMenu />
      <ConfirmDialog />
      <ImageViewer />
      <TokenDialog />
      <Toasts />
    </>
  );
}
