import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received, as a test may check it. */
export interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: Buffer;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
}

/**
 * What a test server does with a request besides answering it normally, chosen by the first
 * path segments `/s/<scenario>/...` so one server can play every case at once.
 */
export type Scenario =
  | 'ok'
  | 'rate-limit'
  | 'rate-limit-once'
  | 'server-error'
  | 'hang'
  | 'cut'
  | 'malformed'
  | 'slow'
  | 'wrong-shape'
  | 'json-for-stream';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  received: Received;
  scenario: Scenario;
  /** The path after `/s/<scenario>`. */
  route: string;
  /** How many requests this scenario and route have seen, this one included. */
  count: number;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The base URL a client should use for a scenario, e.g. `${origin}/s/ok`. */
  base(scenario?: Scenario): string;
  received: Received[];
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight: number;
  maxInFlight: number;
  /** Requests whose client went away before the answer was complete. */
  abandoned: string[];
  resetCounts(): void;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1, port 0, that hands each request to `handle`. */
export async function startServer(
  handle: (exchange: Exchange) => Promise<void> | void,
): Promise<TestServer> {
  const counts = new Map<string, number>();
  const state: TestServer = {
    origin: '',
    base: (scenario = 'ok') => `${state.origin}/s/${scenario}`,
    received: [],
    inFlight: 0,
    maxInFlight: 0,
    abandoned: [],
    resetCounts: () => {
      counts.clear();
      state.maxInFlight = state.inFlight;
      state.abandoned.length = 0;
      state.received.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (req, res) => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    res.on('close', () => {
      state.inFlight -= 1;
      if (!res.writableFinished) state.abandoned.push(req.url ?? '');
    });
    const body = await readBody(req);
    const received = describe(req, body);
    state.received.push(received);
    const match = /^\/s\/([a-z-]+)(\/.*)?$/.exec(received.path);
    const scenario = (match?.[1] ?? 'ok') as Scenario;
    const route = match?.[2] ?? received.path;
    const key = `${scenario} ${route}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    try {
      await handle({ req, res, received, scenario, route, count });
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function describe(req: IncomingMessage, body: Buffer): Received {
  const contentType = req.headers['content-type'];
  let json: unknown;
  if (contentType?.includes('json')) {
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      json = undefined;
    }
  }
  return {
    method: req.method ?? 'GET',
    path: new URL(req.url ?? '/', 'http://x').pathname,
    authorization: req.headers.authorization,
    contentType,
    body,
    json,
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/**
 * The failure a scenario asks for, answered in the provider's error format; true when the
 * request was handled (or deliberately left hanging) and the normal answer must not follow.
 */
export async function playFailure(
  { res, scenario, count, received }: Exchange,
  errorBody: (message: string, type: string) => unknown,
): Promise<boolean> {
  if (scenario === 'rate-limit' || (scenario === 'rate-limit-once' && count === 1)) {
    sendJson(res, 429, errorBody('Rate limit reached for requests', 'rate_limit_exceeded'), {
      'retry-after': '1',
    });
    return true;
  }
  if (scenario === 'server-error') {
    sendJson(
      res,
      500,
      errorBody('The server had an error while processing your request.', 'server_error'),
    );
    return true;
  }
  if (scenario === 'hang') {
    // Never answer: the client's time-out or cancel must end the request.
    return true;
  }
  // A stream asked for gets its malformed event from the stream writer instead.
  if (scenario === 'malformed' && received.json?.stream !== true) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id": "chatcmpl-1", "choices": [ {"index": 0, ');
    return true;
  }
  if (scenario === 'json-for-stream') {
    sendJson(res, 200, { id: 'chatcmpl-1', object: 'chat.completion', choices: [] });
    return true;
  }
  if (scenario === 'slow') await new Promise((resolve) => setTimeout(resolve, 120));
  return false;
}

/** Writes one Server-Sent Event the way OpenAI and TGI do: a `data:` line and a blank line. */
export function sendEvent(res: ServerResponse, data: unknown) {
  res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}
