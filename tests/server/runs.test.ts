import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PHOTO,
  greetPipeline,
  json,
  readEvents,
  sleepPipeline,
  testApp,
  thumbPipeline,
} from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => (t = await testApp()));
afterAll(async () => t.close());

const run = async (body: object) => {
  const res = await t.app.request('/api/runs', json(body));
  return { status: res.status, body: await res.json() };
};

describe('runs', () => {
  it('runs an inline pipeline and waits for its outputs', async () => {
    const { status, body } = await run({
      pipeline: greetPipeline,
      inputs: { who: 'Ada' },
      wait: true,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'succeeded',
      outputs: { greeting: 'Hello Ada' },
      inputs: { who: 'Ada' },
      nodes: { hello: { status: 'succeeded', cached: false, outputs: { text: 'Hello Ada' } } },
    });
  });

  it('runs a saved pipeline by id; a second run of it comes from the cache', async () => {
    await t.app.request('/api/pipelines/greet', json(greetPipeline, 'PUT'));
    const first = await run({ pipelineId: 'greet', inputs: { who: 'Bo' }, wait: true });
    expect(first.body).toMatchObject({ pipelineId: 'greet', outputs: { greeting: 'Hello Bo' } });
    const again = await run({ pipelineId: 'greet', inputs: { who: 'Bo' }, wait: true });
    expect(again.body.nodes.hello.cached).toBe(true);
    const fresh = await run({
      pipelineId: 'greet',
      inputs: { who: 'Bo' },
      wait: true,
      noCache: true,
    });
    expect(fresh.body.nodes.hello.cached).toBe(false);
  });

  it('runTo runs only what the node needs', async () => {
    const { body } = await run({
      pipeline: greetPipeline,
      inputs: { who: 'Cy' },
      runTo: 'hello',
      wait: true,
    });
    expect(body.nodes.hello.status).toBe('succeeded');
    expect(body.nodes.out?.status ?? 'not_run').not.toBe('succeeded');
    expect(body.options).toEqual({ runTo: 'hello' });
  });

  it('returns a run id at once, then streams every event to a late subscriber', async () => {
    const started = await run({ pipeline: greetPipeline, inputs: { who: 'Di' } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      status: 'running',
      events: `/api/runs/${started.body.id}/events`,
    });

    const first = await readEvents(await t.app.request(`/api/runs/${started.body.id}/events`));
    expect(first[0]?.data.type).toBe('run.started');
    expect(first.at(-1)?.data).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    expect(first.map((e) => e.data.seq)).toEqual(first.map((_, i) => i));
    expect(first.map((e) => e.id)).toEqual(first.map((e) => String(e.data.seq)));

    // The run is over and out of memory: the replay comes from history, the same events.
    const later = await readEvents(await t.app.request(`/api/runs/${started.body.id}/events`));
    expect(later.map((e) => e.data)).toEqual(first.map((e) => e.data));

    const resumed = await t.app.request(`/api/runs/${started.body.id}/events`, {
      headers: { 'last-event-id': String(first.length - 3) },
    });
    expect((await readEvents(resumed)).map((e) => e.data.seq)).toEqual([
      first.length - 2,
      first.length - 1,
    ]);
    const done = await t.app.request(`/api/runs/${started.body.id}/events`, {
      headers: { 'last-event-id': String(first.length - 1) },
    });
    expect(done.status).toBe(204);
  });

  it('streams live events to a subscriber that joins mid-run, from the start', async () => {
    const { body } = await run({ pipeline: sleepPipeline(300) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const live = await t.app.request(`/api/runs/${body.id}/events`);
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    const events = await readEvents(live);
    expect(events.map((e) => e.data.type)).toEqual([
      'run.started',
      'node.started',
      'node.finished',
      'node.started',
      'node.finished',
      'run.finished',
    ]);
  });

  it('shows a run in progress, then cancels it', async () => {
    const { body } = await run({ pipeline: sleepPipeline(30_000) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await (await t.app.request(`/api/runs/${body.id}`)).json();
    expect(during).toMatchObject({ status: 'running', nodes: { nap: { status: 'running' } } });

    const startedAt = Date.now();
    const cancel = await t.app.request(`/api/runs/${body.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    expect((await cancel.json()).status).toBe('cancelled');
    expect(Date.now() - startedAt).toBeLessThan(5000);

    const again = await t.app.request(`/api/runs/${body.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    const events = await readEvents(await t.app.request(`/api/runs/${body.id}/events`));
    expect(events.at(-1)?.data).toMatchObject({ type: 'run.finished', status: 'cancelled' });
  });

  it('saves image outputs as artifacts and points previews at them', async () => {
    const photo = readFileSync(PHOTO);
    const dataUrl = `data:image/jpeg;base64,${photo.toString('base64')}`;
    const { status, body } = await run({
      pipeline: thumbPipeline,
      inputs: { photo: dataUrl },
      wait: true,
    });
    expect(status).toBe(200);
    expect(body.outputs.thumb).toMatchObject({
      kind: 'image',
      width: 64,
      url: expect.stringMatching(/^\/api\/runs\//),
    });

    const image = await t.app.request(body.outputs.thumb.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe(body.outputs.thumb.mediaType);
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect(meta.width).toBe(64);

    const events = await readEvents(await t.app.request(`/api/runs/${body.id}/events`));
    const resized = events.find(
      (e) => e.data.type === 'node.finished' && e.data.nodeId === 'small',
    );
    const preview = resized?.data.outputs.image;
    expect(preview).toMatchObject({ kind: 'image', width: 64 });
    expect((await t.app.request(preview.url)).status).toBe(200);

    const input = await t.app.request(body.inputs.photo.url);
    expect(Buffer.from(await input.arrayBuffer()).equals(photo)).toBe(true);
    const listed = await (await t.app.request(`/api/runs/${body.id}/artifacts`)).json();
    expect(listed.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['in-photo.jpg', 'small.image.jpg', 'out-thumb.jpg']),
    );
  });

  it('refuses an image input that is not an image', async () => {
    const { status, body } = await run({
      pipeline: thumbPipeline,
      inputs: { photo: 'data:image/png;base64,bm90IGFuIGltYWdl' },
      wait: true,
    });
    expect(status).toBe(400);
    expect(body.error.details.problems).toEqual([
      expect.objectContaining({ input: 'photo', message: expect.stringContaining('not an image') }),
    ]);
  });

  it('reports a failed node in the run record, with HTTP 200', async () => {
    const { status, body } = await run({ pipeline: greetPipeline, wait: true });
    expect(status).toBe(200);
    expect(body.status).toBe('failed');
    expect(body.nodes.who).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('who') },
    });
    expect(body.nodes.out.status).toBe('skipped');
  });

  it('lists history newest first, filtered by pipeline and status', async () => {
    const all = await (await t.app.request('/api/runs?limit=100')).json();
    const times = all.runs.map((r: { startedAt: number }) => r.startedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.total).toBe(all.runs.length);

    const greet = await (await t.app.request('/api/runs?pipeline=greet')).json();
    expect(greet.runs.length).toBe(3);
    expect(greet.runs.every((r: { pipelineId: string }) => r.pipelineId === 'greet')).toBe(true);

    const failed = await (await t.app.request('/api/runs?status=failed')).json();
    expect(failed.runs.length).toBeGreaterThan(0);
    expect(failed.runs.every((r: { status: string }) => r.status === 'failed')).toBe(true);

    const page = await (await t.app.request('/api/runs?limit=2&offset=1')).json();
    expect(page.runs.map((r: { id: string }) => r.id)).toEqual(
      all.runs.slice(1, 3).map((r: { id: string }) => r.id),
    );
  });

  it('runs a file given with the id of the saved pipeline it is, and lists the run under that id', async () => {
    await t.app.request('/api/pipelines/draft', json(greetPipeline, 'PUT'));
    const edited = structuredClone(greetPipeline);
    edited.name = 'Greet, edited';
    edited.nodes[1]!.params = { template: 'Hi {{who}}' };
    const { status, body } = await run({
      pipelineId: 'draft',
      pipeline: edited,
      inputs: { who: 'Cy' },
      wait: true,
    });
    expect(status).toBe(200);
    // The file given runs, not the one saved.
    expect(body).toMatchObject({ pipelineId: 'draft', outputs: { greeting: 'Hi Cy' } });

    const listed = await (await t.app.request('/api/runs?pipeline=draft')).json();
    expect(listed.runs).toEqual([
      expect.objectContaining({ id: body.id, pipelineId: 'draft', pipelineName: 'Greet, edited' }),
    ]);
  });
});
