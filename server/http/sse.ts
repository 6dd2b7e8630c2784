import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SSEStreamingApi } from 'hono/streaming';
import type { RunEvent } from '../../pipeline/events.ts';
import type { LiveRun } from '../runs/live.ts';

const KEEP_ALIVE_MS = 15_000;

/**
 * Streams a run's events as Server-Sent Events: every event from the start (or after the
 * `Last-Event-ID` a reconnecting client sends), then live ones, then the stream closes when the
 * run ends. Each message carries `id: <seq>` and the event as JSON in `data` (its `type` inside),
 * so `EventSource.onmessage` sees all of them.
 */
export function streamRunEvents(c: Context, source: LiveRun | RunEvent[]): Response {
  const after = lastEventId(c);
  const finished = Array.isArray(source) || source.finished;
  const events = Array.isArray(source) ? source : source.events;
  // A client that already has the last event of a finished run would reconnect forever on an
  // empty stream; 204 tells EventSource to stop.
  if (finished && (events.at(-1)?.seq ?? -1) <= after) return c.body(null, 204);

  return streamSSE(c, async (stream) => {
    let aborted = false;
    const stopped = new Promise<void>((resolve) =>
      stream.onAbort(() => {
        aborted = true;
        resolve();
      }),
    );
    const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    try {
      if (Array.isArray(source)) {
        for (const event of source) if (event.seq > after) await send(stream, event);
        return;
      }
      let seen = 0;
      while (!aborted) {
        while (seen < source.events.length) {
          const event = source.events[seen++] as RunEvent;
          if (event.seq > after) await send(stream, event);
        }
        if (source.finished) break;
        await Promise.race([source.next(seen), stopped]);
      }
    } finally {
      clearInterval(keepAlive);
    }
  });
}

function send(stream: SSEStreamingApi, event: RunEvent): Promise<void> {
  return stream.writeSSE({ id: String(event.seq), data: JSON.stringify(event) });
}

function lastEventId(c: Context): number {
  const header = c.req.header('last-event-id');
  const value = header === undefined ? NaN : Number(header);
  return Number.isInteger(value) ? value : -1;
}
