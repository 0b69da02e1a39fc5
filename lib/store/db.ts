import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { migrate } from "./migrations";

export const DB_FILE = "rerun-doctor.sqlite";

/** Where runs are kept: RERUN_DOCTOR_DATA, or ./data beside where the dashboard or the CLI starts. */
export function dataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(/*turbopackIgnore: true*/ env.RERUN_DOCTOR_DATA?.trim() || "./data");
}

/** Opens (creating if needed) the store under `dataDir`, in WAL mode, migrated to the newest schema. */
export function openDatabase(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(join(dataDir, DB_FILE));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}
