import type { FormEvent } from 'react';
import { useState } from 'react';
import { useEditor } from '../store/index.ts';

const sentence = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');

/**
 * Asks for the server's API token when the API answers 401: the first time, and again with the
 * server's reason when the one given is refused.
 */
export function TokenDialog() {
  const prompt = useEditor((s) => s.tokenPrompt);
  const [token, setToken] = useState('');
  if (!prompt) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const given = token.trim();
    if (!given) return;
    setToken('');
    prompt.answer(given);
  };
  return (
    <div className="wbackdrop">
      <form
        className="wdialog wtoken"
        role="dialog"
        aria-modal="true"
        aria-labelledby="wtoken-title"
        onSubmit={submit}
        onKeyDown={(event) => {
          if (event.key === 'Escape') prompt.answer(null);
        }}
      >
        <h2 id="wtoken-title">API token</h2>
        <p>
          This Weft server asks for its API token: the value of <code>WEFT_API_TOKEN</code> where it
          runs. The editor keeps it until this tab closes.
        </p>
        <label htmlFor="wtoken-input">Token</label>
        <input
          id="wtoken-input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={token}
          aria-invalid={prompt.refused !== null}
          aria-describedby={prompt.refused ? 'wtoken-error' : undefined}
          onChange={(event) => setToken(event.target.value)}
        />
        {prompt.refused && (
          <div id="wtoken-error" className="wfield-error" role="alert">
            {sentence(prompt.refused)}
          </div>
        )}
        <div className="wdialog-actions">
          <button type="button" className="wbutton" onClick={() => prompt.answer(null)}>
            Cancel
          </button>
          <button type="submit" className="wbutton primary" disabled={!token.trim()}>
            Continue
          </button>
        </div>
      </form>
    </div>
  );
}
