import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { join, resolve } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { migrate } from "./migrations";

export const DB_FILE = "rerun-doctor.sqlite";

/** Where runs are kept: RERUN_DOCTOR_DATA, or ./data beside where the dashboard or the CLI starts. */
export function dataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(/*turbopackIgnore: true*/ env.RERUN_DOCTOR_DATA?.trim() || "./data");
}

/**
 * Opens (creating if needed) the store under `dataDir`, in WAL mode, migrated to the newest schema.
 * The store names the fleet's hosts and addresses: the folder is made 0700 and the files 0600 even
 * when they already existed with wider modes (mkdir's mode and SQLite's 0644 apply only on creation).
 */
export function openDatabase(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(/*turbopackIgnore: true*/ dataDir, 0o700);
  const file = join(dataDir, DB_FILE);
  closeSync(openSync(/*turbopackIgnore: true*/ file, "a", 0o600));
  chmodSync(/*turbopackIgnore: true*/ file, 0o600);
  const db = new BetterSqlite3(file);
  db.pragma("journal_mode = WAL");
  // SQLite gives -wal and -shm the database file's mode when it creates them; older ones keep theirs.
  for (const side of [`${file}-wal`, `${file}-shm`])
    if (existsSync(/*turbopackIgnore: true*/ side)) chmodSync(/*turbopackIgnore: true*/ side, 0o600);
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}
