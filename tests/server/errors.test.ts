import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greetPipeline, json, testApp } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => (t = await testApp({ env: { WEFT_MAX_BODY_BYTES: '4096' } })));
afterAll(async () => t.close());

const boundary = '----weft';
const multipart = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  body,
});
const raw = (body: string, type?: string): RequestInit => ({
  method: 'POST',
  ...(type === undefined ? {} : { headers: { 'content-type': type } }),
  body,
});

/** Bodies no client should send, each with the answer it must get. */
const cases: [string, string, RequestInit, number, string][] = [
  ['run: empty JSON body', '/api/runs', raw('', 'application/json'), 400, 'invalid_json'],
  ['run: broken JSON', '/api/runs', raw('{"pipeline":', 'application/json'), 400, 'invalid_json'],
  ['run: JSON null', '/api/runs', json(null), 400, 'bad_request'],
  ['run: JSON array', '/api/runs', json([1, 2]), 400, 'bad_request'],
  ['run: neither pipeline nor id', '/api/runs', json({ inputs: {} }), 400, 'bad_request'],
  [
    'run: a file with the id of no saved pipeline',
    '/api/runs',
    json({ pipeline: greetPipeline, pipelineId: 'x' }),
    404,
    'not_found',
  ],
  [
    'run: a file with an unsafe id',
    '/api/runs',
    json({ pipeline: greetPipeline, pipelineId: '../x' }),
    400,
    'invalid_id',
  ],
  [
    'run: wait is a string',
    '/api/runs',
    json({ pipeline: greetPipeline, wait: 'yes' }),
    400,
    'bad_request',
  ],
  [
    'run: inputs is a list',
    '/api/runs',
    json({ pipeline: greetPipeline, inputs: [1] }),
    400,
    'bad_request',
  ],
  [
    'run: unknown field',
    '/api/runs',
    json({ pipeline: greetPipeline, waitt: true }),
    400,
    'bad_request',
  ],
  ['run: pipeline is a number', '/api/runs', json({ pipeline: 7 }), 422, 'invalid_pipeline'],
  [
    'run: unsafe pipeline id',
    '/api/runs',
    json({ pipelineId: '../etc/passwd' }),
    400,
    'invalid_id',
  ],
  ['run: unknown pipeline id', '/api/runs', json({ pipelineId: 'nope' }), 404, 'not_found'],
  [
    'run: unknown input',
    '/api/runs',
    json({ pipeline: greetPipeline, inputs: { whom: 'x' } }),
    400,
    'invalid_input',
  ],
  [
    'run: input of the wrong type',
    '/api/runs',
    json({ pipeline: greetPipeline, inputs: { who: { a: 1 } } }),
    400,
    'invalid_input',
  ],
  [
    'run: runTo a missing node',
    '/api/runs',
    json({ pipeline: greetPipeline, runTo: 'ghost' }),
    400,
    'bad_request',
  ],
  ['run: text/plain body', '/api/runs', raw('hello', 'text/plain'), 415, 'unsupported_media_type'],
  ['run: XML body', '/api/runs', raw('<run/>', 'application/xml'), 415, 'unsupported_media_type'],
  [
    'run: multipart without boundary',
    '/api/runs',
    raw('x', 'multipart/form-data'),
    400,
    'invalid_body',
  ],
  [
    'run: garbage multipart',
    '/api/runs',
    multipart('not a multipart body at all'),
    400,
    'invalid_body',
  ],
  [
    'run: multipart with a broken pipeline field',
    '/api/runs',
    multipart(
      `--${boundary}\r\nContent-Disposition: form-data; name="pipeline"\r\n\r\n{oops\r\n--${boundary}--\r\n`,
    ),
    400,
    'bad_request',
  ],
  [
    'run: multipart with a file as pipeline id',
    '/api/runs',
    multipart(
      `--${boundary}\r\nContent-Disposition: form-data; name="pipelineId"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc\r\n--${boundary}--\r\n`,
    ),
    400,
    'bad_request',
  ],
  [
    'run: body over the limit',
    '/api/runs',
    json({ pipeline: greetPipeline, pad: 'x'.repeat(5000) }),
    413,
    'payload_too_large',
  ],
  [
    'run: JSON nested too deep',
    '/api/runs',
    raw(
      `{"pipeline":{"version":1,"nodes":[],"edges":[],"ui":{"a":${'['.repeat(1000)}${']'.repeat(1000)}}}}`,
      'application/json',
    ),
    400,
    'invalid_json',
  ],
  ['validate: broken JSON', '/api/validate', raw('{', 'application/json'), 400, 'invalid_json'],
  [
    'save: broken JSON',
    '/api/pipelines',
    raw('nodes: []', 'application/json'),
    400,
    'invalid_json',
  ],
  [
    'save: form body',
    '/api/pipelines',
    raw('a=b', 'application/x-www-form-urlencoded'),
    415,
    'unsupported_media_type',
  ],
  [
    'save: over the limit',
    '/api/pipelines',
    raw('x'.repeat(5000), 'application/json'),
    413,
    'payload_too_large',
  ],
  ['unknown route', '/api/nothing-here', { method: 'GET' }, 404, 'not_found'],
  [
    'unknown run',
    '/api/runs/0b6c5a0e-0000-4000-8000-000000000000',
    { method: 'GET' },
    404,
    'not_found',
  ],
  ['unknown run events', '/api/runs/abc/events', { method: 'GET' }, 404, 'not_found'],
  ['cancel an unknown run', '/api/runs/abc/cancel', { method: 'POST' }, 404, 'not_found'],
  ['unsafe run id', '/api/runs/a.b', { method: 'GET' }, 400, 'invalid_id'],
  [
    'artifact of an unknown run',
    '/api/runs/abc/artifacts/x.png',
    { method: 'GET' },
    404,
    'not_found',
  ],
  [
    'unsafe artifact name',
    '/api/runs/abc/artifacts/..%2Fhistory.sqlite',
    { method: 'GET' },
    400,
    'invalid_id',
  ],
  ['list runs with a bad limit', '/api/runs?limit=-3', { method: 'GET' }, 400, 'bad_request'],
  [
    'list runs with a bad status',
    '/api/runs?status=sleeping',
    { method: 'GET' },
    400,
    'bad_request',
  ],
  ['samples of an unsafe id', '/api/pipelines/a.b/samples', { method: 'GET' }, 400, 'invalid_id'],
  ['missing sample', '/api/pipelines/abc/samples/image.png', { method: 'GET' }, 404, 'not_found'],
];

describe('bad input never yields a 500', () => {
  it.each(cases)('%s', async (_, url, init, status, code) => {
    const res = await t.app.request(url, init);
    const body = await res.json();
    expect({ status: res.status, code: body.error.code }).toEqual({ status, code });
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error).toHaveProperty('details');
  });

  it('random bytes sent to every route that reads a body get a 4xx', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const junk = () => {
      const bytes = new Uint8Array(1 + Math.floor(random() * 600));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
      return bytes;
    };
    const routes: [string, string][] = [
      ['POST', '/api/runs'],
      ['POST', '/api/validate'],
      ['POST', '/api/pipelines'],
      ['PUT', '/api/pipelines/fuzz'],
    ];
    const types = [
      'application/json',
      `multipart/form-data; boundary=${boundary}`,
      '',
      'image/png',
    ];
    for (let round = 0; round < 25; round++) {
      for (const [method, url] of routes) {
        for (const type of types) {
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          const res = await t.app.request(url, { method, headers, body: junk() });
          expect({ url, type, status: res.status < 500 }).toEqual({ url, type, status: true });
        }
      }
    }
  });

  it('a streamed body over the limit (no Content-Length) gets 413', async () => {
    const chunks = [new TextEncoder().encode('{"pipeline":"'), new Uint8Array(8000).fill(120)];
    const body = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const res = await t.app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('a pipeline with a cycle gets 422 naming the nodes on it', async () => {
    const at = { x: 0, y: 0 };
    const cyclic = {
      version: 1,
      nodes: [
        { id: 'first', type: 'transform.to-text', position: at, params: {} },
        { id: 'second', type: 'transform.parse-json', position: at, params: {} },
      ],
      edges: [
        { id: 'a', source: 'first', sourcePort: 'text', target: 'second', targetPort: 'text' },
        { id: 'b', source: 'second', sourcePort: 'value', target: 'first', targetPort: 'value' },
      ],
    };
    const res = await t.app.request('/api/runs', json({ pipeline: cyclic, wait: true }));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_pipeline');
    const cycle = error.details.problems.find((p: { code: string }) => p.code === 'cycle');
    expect(cycle.message).toContain('first');
    expect(cycle.message).toContain('second');
    expect(error.message).toContain('first');
  });
});

describe('requests from other sites', () => {
  it('refuses a form post from another origin, as a malicious page would send', async () => {
    const form = new FormData();
    form.set('pipeline', JSON.stringify(greetPipeline));
    const res = await t.app.request('/api/runs', {
      method: 'POST',
      body: form,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it('lets the editor it serves write (same origin)', async () => {
    const res = await t.app.request('/api/validate', {
      ...json(greetPipeline),
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
    });
    expect(res.status).toBe(200);
  });

  it('refuses a Host that is not this machine while listening on loopback (DNS rebinding)', async () => {
    const res = await t.app.request('http://rebound.example:8787/api/pipelines');
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('localhost');
    expect((await t.app.request('http://127.0.0.1:8787/api/pipelines')).status).toBe(200);
    expect((await t.app.request('http://[::1]:8787/api/pipelines')).status).toBe(200);
  });
});

describe('API token', () => {
  let guarded: Awaited<ReturnType<typeof testApp>>;
  const token = 'sesame-open-up';
  beforeAll(async () => (guarded = await testApp({ env: { WEFT_API_TOKEN: token } })));
  afterAll(async () => guarded.close());

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer wrong-token' }],
    ['a malformed header', { authorization: token }],
  ])('refuses a request with %s', async (_, headers) => {
    const res = await guarded.app.request('/api/pipelines', { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect((await res.json()).error.code).toBe('unauthorized');
  });

  it('lets the right token through, as a header or as access_token', async () => {
    const header = await guarded.app.request('/api/pipelines', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(header.status).toBe(200);
    const query = await guarded.app.request(`/api/node-types?access_token=${token}`);
    expect(query.status).toBe(200);
  });

  it('leaves the editor page open: it holds no data', async () => {
    expect((await guarded.app.request('/')).status).toBe(200);
  });
});
