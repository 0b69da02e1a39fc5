import { createHash } from "node:crypto";
import type { Database } from "better-sqlite3";

/** Stores what compaction compares (lib/report/watch-changes.ts runSignature), hashed to a fixed size. */
export function setRunSignature(db: Database, runId: string, signature: string): void {
  const hash = createHash("sha256").update(signature).digest("hex");
  db.prepare("UPDATE runs SET signature = ? WHERE id = ?").run(hash, runId);
}

export interface DailySummary {
  readonly day: string;
  readonly collapsedRuns: number;
  readonly firstStartedAt: string;
  readonly lastStartedAt: string;
  readonly counts: { readonly ok: number; readonly degraded: number; readonly broken: number; readonly unknown: number };
}

interface DoneRow {
  id: string;
  started_at: string;
  trigger: string;
  signature: string | null;
}

/** How many of the newest finished runs one pass looks at: it runs after every run, so new ones are always inside. */
const WINDOW = 500;

/**
 * Folds scheduled runs identical to the finished runs before and after them into a per-day count: a
 * month of 5-minute runs keeps the first and last run of each unchanged stretch (so every change, and
 * every alert's previous run, stays), not 8640 copies. Manual, shared, user-probed and interrupted runs always stay.
 */
export function compactRuns(db: Database): number {
  return db.transaction(() => {
    const rows = (
      db
        .prepare("SELECT id, started_at, trigger, signature FROM runs WHERE status = 'done' ORDER BY started_at DESC, id DESC LIMIT ?")
        .all(WINDOW) as DoneRow[]
    ).reverse();
    const keepIds = db.prepare("SELECT run_id FROM share_links UNION SELECT run_id FROM user_probes").all() as { run_id: string }[];
    const shared = new Set(keepIds.map((r) => r.run_id));
    let collapsed = 0;
    for (let i = 1; i < rows.length - 1; i++) {
      const run = rows[i]!;
      const same = run.signature !== null && run.signature === rows[i - 1]!.signature && run.signature === rows[i + 1]!.signature;
      if (run.trigger !== "scheduled" || !same || shared.has(run.id)) continue;
      summarize(db, run);
      db.prepare("DELETE FROM runs WHERE id = ?").run(run.id);
      collapsed++;
    }
    return collapsed;
  })();
}

function summarize(db: Database, run: DoneRow): void {
  const counts = db
    .prepare(
      `SELECT COALESCE(SUM(verdict = 'ok'), 0) AS ok, COALESCE(SUM(verdict = 'degraded'), 0) AS degraded,
              COALESCE(SUM(verdict = 'broken'), 0) AS broken, COALESCE(SUM(verdict = 'unknown'), 0) AS unknown
       FROM run_clients WHERE run_id = ?`,
    )
    .get(run.id) as { ok: number; degraded: number; broken: number; unknown: number };
  db.prepare(
    `INSERT INTO run_daily_summaries (day, collapsed_runs, first_started_at, last_started_at, ok, degraded, broken, unknown)
     VALUES (@day, 1, @at, @at, @ok, @degraded, @broken, @unknown)
     ON CONFLICT (day) DO UPDATE SET collapsed_runs = collapsed_runs + 1,
       first_started_at = MIN(first_started_at, @at), last_started_at = MAX(last_started_at, @at),
       ok = @ok, degraded = @degraded, broken = @broken, unknown = @unknown`,
  ).run({ day: run.started_at.slice(0, 10), at: run.started_at, ...counts });
}

export function listDailySummaries(db: Database, limit = 60): DailySummary[] {
  const rows = db.prepare("SELECT * FROM run_daily_summaries ORDER BY day DESC LIMIT ?").all(limit) as {
    day: string;
    collapsed_runs: number;
    first_started_at: string;
    last_started_at: string;
    ok: number;
    degraded: number;
    broken: number;
    unknown: number;
  }[];
  return rows.map((r) => ({
    day: r.day,
    collapsedRuns: r.collapsed_runs,
    firstStartedAt: r.first_started_at,
    lastStartedAt: r.last_started_at,
    counts: { ok: r.ok, degraded: r.degraded, broken: r.broken, unknown: r.unknown },
  }));
}
