import type { Database } from "better-sqlite3";
import type { RunOrigin, RunStatus, RunTrigger } from "./runs-repo";

export interface RunSummary {
  readonly id: string;
  readonly status: RunStatus;
  readonly origin: RunOrigin;
  readonly trigger: RunTrigger;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly totalClients: number;
  readonly counts: { readonly ok: number; readonly degraded: number; readonly broken: number; readonly unknown: number };
}

interface SummaryRow {
  id: string;
  status: RunStatus;
  origin: RunOrigin;
  trigger: RunTrigger;
  started_at: string;
  finished_at: string | null;
  total_clients: number;
  ok: number;
  degraded: number;
  broken: number;
  unknown: number;
}

/** Newest first, with verdict counts computed in SQL: the history list never parses a client report. */
export function listRunSummaries(db: Database, limit: number): RunSummary[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.status, r.origin, r.trigger, r.started_at, r.finished_at, r.total_clients,
              COALESCE(SUM(c.verdict = 'ok'), 0) AS ok, COALESCE(SUM(c.verdict = 'degraded'), 0) AS degraded,
              COALESCE(SUM(c.verdict = 'broken'), 0) AS broken, COALESCE(SUM(c.verdict = 'unknown'), 0) AS unknown
       FROM runs r LEFT JOIN run_clients c ON c.run_id = r.id
       GROUP BY r.id ORDER BY r.started_at DESC, r.id LIMIT ?`,
    )
    .all(limit) as SummaryRow[];
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    origin: row.origin,
    trigger: row.trigger,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    totalClients: row.total_clients,
    counts: { ok: row.ok, degraded: row.degraded, broken: row.broken, unknown: row.unknown },
  }));
}
