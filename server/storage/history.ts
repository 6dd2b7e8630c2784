import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { NodeError, RunEvent, RunStatus } from '../../pipeline/events.ts';
import type { StoredValue } from '../runs/stored.ts';
import { MIGRATIONS } from './history-schema.ts';

/** What a run was asked to do besides its inputs. */
export interface RunRequestOptions {
  runTo?: string;
  runFrom?: string;
  noCache?: boolean;
  cacheAll?: boolean;
}

export type NodeRunStatus =
  'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled' | 'not_run';

/** One node of one run, as history keeps it. */
export interface NodeRecord {
  status: NodeRunStatus;
  cached: boolean;
  durationMs: number | null;
  attempts: number;
  error: NodeError | null;
  skippedReason: string | null;
  outputs: Record<string, StoredValue>;
}

/** One run, as `GET /api/runs` lists it. */
export interface RunSummary {
  id: string;
  pipelineId: string | null;
  pipelineName: string;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  error: (NodeError & { nodeId?: string }) | null;
}

/** One run with everything needed to show it again: inputs, outputs, every node, the pipeline. */
export interface RunRecord extends RunSummary {
  options: RunRequestOptions;
  inputs: Record<string, StoredValue>;
  outputs: Record<string, StoredValue>;
  nodes: Record<string, NodeRecord>;
  pipeline: unknown;
}

export interface ListFilter {
  pipelineId?: string;
  status?: RunStatus;
  limit: number;
  offset: number;
}

type Row = Record<string, unknown>;
const json = (text: unknown) => (typeof text === 'string' ? JSON.parse(text) : null);

/** Run history in SQLite: runs, each node's outcome, and every event of every run. */
export class RunHistory {
  readonly #db: Database.Database;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    this.#migrate();
  }

  #migrate(): void {
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < version) continue;
      this.#db.transaction(() => {
        this.#db.exec(sql);
        this.#db.pragma(`user_version = ${index + 1}`);
      })();
    }
  }

  insert(run: Omit<RunRecord, 'nodes' | 'finishedAt' | 'durationMs' | 'error'>): void {
    this.#db
      .prepare(
        `INSERT INTO runs (id, pipeline_id, pipeline_name, status, started_at, options, inputs,
           outputs, pipeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.id,
        run.pipelineId,
        run.pipelineName,
        run.status,
        run.startedAt,
        JSON.stringify(run.options),
        JSON.stringify(run.inputs),
        JSON.stringify(run.outputs),
        JSON.stringify(run.pipeline),
      );
  }

  /** Records how a run ended and every node's outcome, in one transaction. */
  finish(
    id: string,
    end: Pick<RunRecord, 'status' | 'finishedAt' | 'durationMs' | 'error' | 'outputs' | 'nodes'>,
  ): void {
    const update = this.#db.prepare(
      `UPDATE runs SET status = ?, finished_at = ?, duration_ms = ?, error = ?, outputs = ?
       WHERE id = ?`,
    );
    const upsertNode = this.#db.prepare(
      `INSERT OR REPLACE INTO run_nodes (run_id, node_id, status, cached, duration_ms, attempts,
         error, skipped_reason, outputs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#db.transaction(() => {
      update.run(
        end.status,
        end.finishedAt,
        end.durationMs,
        end.error ? JSON.stringify(end.error) : null,
        JSON.stringify(end.outputs),
        id,
      );
      for (const [nodeId, node] of Object.entries(end.nodes)) {
        upsertNode.run(
          id,
          nodeId,
          node.status,
          node.cached ? 1 : 0,
          node.durationMs,
          node.attempts,
          node.error ? JSON.stringify(node.error) : null,
          node.skippedReason,
          JSON.stringify(node.outputs),
        );
      }
    })();
  }

  appendEvents(id: string, events: readonly RunEvent[]): void {
    const insert = this.#db.prepare(
      'INSERT OR IGNORE INTO run_events (run_id, seq, event) VALUES (?, ?, ?)',
    );
    this.#db.transaction(() => {
      for (const event of events) insert.run(id, event.seq, JSON.stringify(event));
    })();
  }

  events(id: string): RunEvent[] {
    return this.#db
      .prepare('SELECT event FROM run_events WHERE run_id = ? ORDER BY seq')
      .all(id)
      .map((row) => JSON.parse((row as { event: string }).event) as RunEvent);
  }

  get(id: string): RunRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Row | undefined;
    if (row === undefined) return undefined;
    const nodes: Record<string, NodeRecord> = {};
    for (const n of this.#db
      .prepare('SELECT * FROM run_nodes WHERE run_id = ? ORDER BY rowid')
      .all(id) as Row[]) {
      nodes[String(n.node_id)] = {
        status: n.status as NodeRunStatus,
        cached: n.cached === 1,
        durationMs: n.duration_ms as number | null,
        attempts: Number(n.attempts ?? 0),
        error: json(n.error),
        skippedReason: (n.skipped_reason as string | null) ?? null,
        outputs: json(n.outputs) ?? {},
      };
    }
    return {
      ...summaryOf(row),
      options: json(row.options) ?? {},
      inputs: json(row.inputs) ?? {},
      outputs: json(row.outputs) ?? {},
      nodes,
      pipeline: json(row.pipeline),
    };
  }

  /** Runs newest first, optionally of one pipeline or one status. */
  list(filter: ListFilter): { runs: RunSummary[]; total: number } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.pipelineId !== undefined) {
      where.push('pipeline_id = ?');
      args.push(filter.pipelineId);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      args.push(filter.status);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.#db
      .prepare(
        `SELECT id, pipeline_id, pipeline_name, status, started_at, finished_at, duration_ms, error
         FROM runs ${clause} ORDER BY started_at DESC, rowid DESC LIMIT ? OFFSET ?`,
      )
      .all(...args, filter.limit, filter.offset) as Row[];
    const { total } = this.#db
      .prepare(`SELECT count(*) AS total FROM runs ${clause}`)
      .get(...args) as { total: number };
    return { runs: rows.map(summaryOf), total };
  }

  /** Ids of runs still marked running: after a restart, the ones the server was killed during. */
  running(): string[] {
    return this.#db
      .prepare("SELECT id FROM runs WHERE status = 'running'")
      .all()
      .map((row) => (row as { id: string }).id);
  }

  /**
   * Deletes finished runs older than `maxAgeDays` or beyond the newest `maxCount`, and returns
   * their ids so their artifacts can go too. Running runs are never pruned.
   */
  prune(limits: { maxAgeDays?: number | undefined; maxCount?: number | undefined }): string[] {
    const doomed = new Set<string>();
    if (limits.maxAgeDays !== undefined) {
      const cutoff = Date.now() - limits.maxAgeDays * 86_400_000;
      for (const row of this.#db
        .prepare("SELECT id FROM runs WHERE status != 'running' AND started_at < ?")
        .all(cutoff) as { id: string }[]) {
        doomed.add(row.id);
      }
    }
    if (limits.maxCount !== undefined) {
      for (const row of this.#db
        .prepare(
          `SELECT id FROM runs WHERE status != 'running'
           ORDER BY started_at DESC, rowid DESC LIMIT -1 OFFSET ?`,
        )
        .all(limits.maxCount) as { id: string }[]) {
        doomed.add(row.id);
      }
    }
    const remove = this.#db.prepare('DELETE FROM runs WHERE id = ?');
    this.#db.transaction(() => doomed.forEach((id) => remove.run(id)))();
    return [...doomed];
  }

  close(): void {
    this.#db.close();
  }
}

function summaryOf(row: Row): RunSummary {
  return {
    id: String(row.id),
    pipelineId: (row.pipeline_id as string | null) ?? null,
    pipelineName: String(row.pipeline_name),
    status: row.status as RunStatus,
    startedAt: Number(row.started_at),
    finishedAt: (row.finished_at as number | null) ?? null,
    durationMs: (row.duration_ms as number | null) ?? null,
    error: json(row.error),
  };
}
