/**
 * The API token (`WEFT_API_TOKEN`) a server may ask for. The editor learns it from the person the
 * first time the API answers 401, keeps it for the tab's session, and sends it on every request:
 * as a header where it can, as the `access_token` query where a browser sends the request itself
 * (EventSource, `<img>`).
 */

const STORAGE_KEY = 'weft.apiToken';

/** Asks the person for the token; `refused` is the server's message when one was sent and refused. */
export type TokenAsker = (refused: string | null) => Promise<string | null>;

let asker: TokenAsker | null = null;
let asking: Promise<string | null> | null = null;
/** The token when sessionStorage is off (a browser setting): it then lasts until a reload. */
let fallback: string | null = null;

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function keepToken(token: string) {
  try {
    sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Kept in `fallback` below.
  }
  fallback = token;
}

/** The token of this tab's session, if the person gave one. */
const currentToken = () => storedToken() ?? fallback;

/** Says how to ask the person for the token; the editor's dialog does. */
export function setTokenAsker(ask: TokenAsker | null) {
  asker = ask;
}

/**
 * A token to retry with after `sent` was refused. Requests refused at once share one question,
 * and one refused with a token that has since changed retries with the new one, unasked.
 */
async function nextToken(sent: string | null, refused: string | null): Promise<string | null> {
  if (asking) return asking;
  const current = currentToken();
  if (current !== null && current !== sent) return current;
  if (!asker) return null;
  asking = asker(sent === null ? null : refused).then((token) => {
    if (token) keepToken(token);
    return token || null;
  });
  try {
    return await asking;
  } finally {
    asking = null;
  }
}

async function refusal(response: Response): Promise<string | null> {
  try {
    const body = (await response.clone().json()) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : null;
  } catch {
    return null;
  }
}

/**
 * `fetch` for the API with the token as `Authorization: Bearer`. A 401 asks for the token (again,
 * with the server's reason, when the one sent was wrong) and retries; it is answered as it came
 * only when the person gives up.
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  for (;;) {
    const token = currentToken();
    const headers = new Headers(init.headers);
    if (token !== null) headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(path, { ...init, headers });
    if (response.status !== 401) return response;
    const next = await nextToken(token, await refusal(response));
    if (next === null) return response;
  }
}

/**
 * `url` with the token as its `access_token` query, for what the browser fetches on its own: an
 * EventSource, an `<img>` of an artifact. Other addresses (data URLs, other sites) stay as they are.
 */
export function withToken(url: string): string {
  const token = currentToken();
  if (token === null) return url;
  const parsed = new URL(url, location.href);
  if (parsed.origin !== location.origin || !parsed.pathname.startsWith('/api/')) return url;
  parsed.searchParams.set('access_token', token);
  return parsed.pathname + parsed.search + parsed.hash;
}
