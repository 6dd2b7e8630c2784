import type { RunEvent } from '../../pipeline/events.ts';
import type { RunId } from '../../pipeline/ids.ts';

type Distribute<T> = T extends unknown ? Omit<T, 'runId' | 'seq' | 'at'> : never;

/** An event as the engine raises it; the log adds the run id, the sequence number and the time. */
export type EventBody = Distribute<RunEvent>;

/** Numbers a run's events from 0 and hands each to the listener as it happens. */
export class EventLog {
  #seq = 0;

  constructor(
    private readonly runId: RunId,
    private readonly listener: ((event: RunEvent) => void) | undefined,
  ) {}

  emit(body: EventBody): void {
    if (!this.listener) return;
    const event = { ...body, runId: this.runId, seq: this.#seq++, at: Date.now() } as RunEvent;
    try {
      this.listener(event);
    } catch {
      // The listener belongs to the caller (a closed SSE stream, a full disk): its failure must
      // not fail the node that happened to report, and it has no channel to be reported on.
    }
  }
}
