import type { RunEvent } from '../../pipeline/events.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { CliIo } from './io.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;

/**
 * Shows a run's progress on stderr: on a terminal one line rewritten in place (with finished
 * failures kept above it), elsewhere one plain line per node event, so logs stay readable.
 */
export function progressReporter(pipeline: PipelineFile, io: CliIo): (event: RunEvent) => void {
  const types = new Map(pipeline.nodes.map((node) => [node.id, node.type]));
  const name = (id: string) => `${id} (${types.get(id) ?? '?'})`;
  const live = io.stderr.isTTY === true;
  const running = new Map<string, string>();
  let done = 0;
  const total = pipeline.nodes.length;

  const write = (line: string) => io.stderr.write(live ? `\r\x1b[K${line}\n` : `${line}\n`);
  const status = () => {
    if (!live) return;
    const [id, detail] = [...running.entries()].at(-1) ?? [];
    const width = Math.max(20, (io.stderr.columns || 80) - 1);
    const line = `[${done}/${total}] ${id === undefined ? '' : `${name(id)} ${detail}`}`;
    io.stderr.write(`\r\x1b[K${line.slice(0, width)}`);
  };

  return (event) => {
    switch (event.type) {
      case 'node.started':
        running.set(event.nodeId, event.attempt > 1 ? `attempt ${event.attempt}` : 'running');
        if (!live)
          write(
            `${name(event.nodeId)}: started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`,
          );
        break;
      case 'node.progress':
        if (event.fraction !== undefined || event.message !== undefined) {
          const percent =
            event.fraction === undefined ? '' : `${Math.round(event.fraction * 100)}% `;
          running.set(event.nodeId, `${percent}${event.message ?? ''}`.trim());
        }
        break;
      case 'node.finished':
        running.delete(event.nodeId);
        done++;
        if (!live)
          write(
            `${name(event.nodeId)}: done in ${seconds(event.durationMs)}${event.cached ? ' (cached)' : ''}`,
          );
        break;
      case 'node.failed':
        running.delete(event.nodeId);
        write(
          `${name(event.nodeId)}: failed: ${event.error.message}${event.willRetry ? ' (will retry)' : ''}`,
        );
        if (!event.willRetry) done++;
        break;
      case 'node.skipped':
        done++;
        write(`${name(event.nodeId)}: skipped: ${event.reason}`);
        break;
      case 'run.finished':
        write(`run ${event.status} in ${seconds(event.durationMs)}`);
        return;
      default:
        break;
    }
    status();
  };
}
