/**
 * The history database's schema, one migration per entry; `PRAGMA user_version` counts how many
 * have run. Never edit an entry that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    pipeline_id TEXT,
    pipeline_name TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    duration_ms INTEGER,
    error TEXT,
    options TEXT NOT NULL,
    inputs TEXT NOT NULL,
    outputs TEXT NOT NULL,
    pipeline TEXT NOT NULL
  );
  CREATE INDEX runs_by_start ON runs (started_at DESC);
  CREATE INDEX runs_by_pipeline ON runs (pipeline_id, started_at DESC);
  CREATE TABLE run_nodes (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    status TEXT NOT NULL,
    cached INTEGER NOT NULL,
    duration_ms INTEGER,
    attempts INTEGER NOT NULL,
    error TEXT,
    skipped_reason TEXT,
    outputs TEXT NOT NULL,
    PRIMARY KEY (run_id, node_id)
  );
  CREATE TABLE run_events (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  );
  `,
];
