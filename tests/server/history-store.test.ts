import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunHistory } from '../../server/storage/history.ts';
import { tempDir } from './helpers.ts';

const DAY = 86_400_000;

function record(id: string, startedAt: number, status: 'succeeded' | 'running' = 'succeeded') {
  return {
    id,
    pipelineId: 'p',
    pipelineName: 'P',
    status,
    startedAt,
    options: {},
    inputs: {},
    outputs: {},
    pipeline: { version: 1, nodes: [], edges: [] },
  } as const;
}

describe('RunHistory', () => {
  it('prunes finished runs older than the age limit, never a running one', () => {
    const history = new RunHistory(path.join(tempDir(), 'history.sqlite'));
    const now = Date.now();
    history.insert(record('old', now - 40 * DAY));
    history.insert(record('old-but-running', now - 40 * DAY, 'running'));
    history.insert(record('recent', now - 2 * DAY));
    expect(history.prune({ maxAgeDays: 30 })).toEqual(['old']);
    const left = history.list({ limit: 10, offset: 0 }).runs.map((run) => run.id);
    expect(left).toEqual(['recent', 'old-but-running']);
    history.close();
  });

  it('keeps its data across reopening, and migrates only once', () => {
    const file = path.join(tempDir(), 'history.sqlite');
    const first = new RunHistory(file);
    first.insert(record('kept', Date.now()));
    first.close();
    const second = new RunHistory(file);
    expect(second.get('kept')?.pipelineName).toBe('P');
    second.close();
  });
});
