/**
 * Migration 3 (issue 16). `trigger` says whether an admin or the schedule started a run; `signature`
 * (verdicts and finding codes) lets compaction find identical runs without parsing reports.
 */
export const WATCH_MIGRATION = `
  ALTER TABLE runs ADD COLUMN trigger TEXT NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'scheduled'));
  ALTER TABLE runs ADD COLUMN signature TEXT;
  CREATE TABLE schedule_state (
    id TEXT PRIMARY KEY,
    interval_s INTEGER CHECK (interval_s IS NULL OR interval_s >= 1),
    next_due_at TEXT,
    last_run_id TEXT,
    last_started_at TEXT,
    last_skip TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE alert_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    target TEXT NOT NULL,
    ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
    attempts INTEGER NOT NULL,
    error TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX alert_deliveries_run ON alert_deliveries (run_id);
  CREATE TABLE run_daily_summaries (
    day TEXT PRIMARY KEY,
    collapsed_runs INTEGER NOT NULL,
    first_started_at TEXT NOT NULL,
    last_started_at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    degraded INTEGER NOT NULL,
    broken INTEGER NOT NULL,
    unknown INTEGER NOT NULL
  );`;
