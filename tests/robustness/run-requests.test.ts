import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greetPipeline, testApp } from '../server/helpers.ts';

/**
 * A run request as a form: a field given twice is ambiguous, and the server must not pick one
 * silently (which pipeline runs would depend on the order of the parts).
 */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
  const put = (id: string) =>
    t.app.request(`/api/pipelines/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(greetPipeline),
    });
  await put('greet-a');
  await put('greet-b');
});
afterAll(async () => t.close());

async function post(fields: [string, string][]) {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  const res = await t.app.request('/api/runs', { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as any };
}

describe('form fields given twice', () => {
  it.each([
    [
      'pipelineId',
      [
        ['pipelineId', 'greet-a'],
        ['pipelineId', 'greet-b'],
      ],
    ],
    [
      'wait',
      [
        ['pipelineId', 'greet-a'],
        ['wait', 'true'],
        ['wait', 'false'],
      ],
    ],
  ] as [string, [string, string][]][])(
    'refuses %s given twice, naming it',
    async (field, fields) => {
      const { status, body } = await post([...fields, ['who', 'Ada']]);
      expect(status).toBe(400);
      expect(body.error.message).toContain(`\`${field}\` is given 2 times; give it once`);
    },
  );

  it('runs a form with each field once', async () => {
    const { status, body } = await post([
      ['pipelineId', 'greet-b'],
      ['who', 'Ada'],
      ['wait', 'true'],
    ]);
    expect(status).toBe(200);
    expect(body).toMatchObject({ pipelineId: 'greet-b', outputs: { greeting: 'Hello Ada' } });
  });
});
