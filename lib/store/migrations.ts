import type { Database } from "better-sqlite3";
import { WATCH_MIGRATION } from "./watch-migration";

/** Append-only: a released migration is never edited, a change is a new entry. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     started_at TEXT NOT NULL,
     finished_at TEXT,
     status TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted')),
     origin TEXT NOT NULL CHECK (origin IN ('ui', 'api', 'cli')),
     total_clients INTEGER NOT NULL,
     context_json TEXT NOT NULL
   );
   CREATE INDEX runs_started_at ON runs (started_at DESC);
   CREATE TABLE run_clients (
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     position INTEGER NOT NULL,
     name TEXT NOT NULL,
     verdict TEXT NOT NULL,
     report_json TEXT NOT NULL,
     PRIMARY KEY (run_id, name)
   );`,
  // 2: share links; only a SHA-256 of each token is kept, never the token itself.
  `CREATE TABLE share_links (
     token_hash TEXT PRIMARY KEY,
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     redact INTEGER NOT NULL CHECK (redact IN (0, 1)),
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE INDEX share_links_run ON share_links (run_id, created_at DESC);`,
  // 3: watching the fleet (lib/store/watch-*.ts): what started a run, the schedule, alerts sent, compaction.
  WATCH_MIGRATION,
  // 4: user probes (a link a user runs from their own network); only a SHA-256 of each upload token.
  `CREATE TABLE user_probes (
     token_hash TEXT PRIMARY KEY,
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     label TEXT NOT NULL,
     targets_json TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     revoked_at TEXT,
     result_json TEXT,
     reported_at TEXT,
     source TEXT,
     uploads INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX user_probes_run ON user_probes (run_id, created_at);`,
];

export const LATEST_VERSION = MIGRATIONS.length;

/** Applies every migration above the database's version, up to `target` (tests stop early to make old databases). */
export function migrate(db: Database, target: number = MIGRATIONS.length): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const current = (db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null }).v ?? 0;
  const apply = db.transaction((version: number, sql: string) => {
    db.exec(sql);
    db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(version, new Date().toISOString());
  });
  MIGRATIONS.forEach((sql, index) => {
    if (index + 1 > current && index + 1 <= target) apply(index + 1, sql);
  });
  return Math.max(current, Math.min(target, MIGRATIONS.length));
}
