import "server-only";
import type { Database } from "better-sqlite3";
import { openDatabase } from "../store/db";
import { RunsRepo } from "../store/runs-repo";
import { serverConfig } from "./config";

interface StoreHandle {
  readonly db: Database;
  readonly runs: RunsRepo;
}

const KEY = Symbol.for("rerun-doctor.store");
type Holder = { [KEY]?: StoreHandle };

/** One database per server process; runs left 'running' by a previous process become 'interrupted'. */
export function dbHandle(): StoreHandle {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const db = openDatabase(serverConfig().dataDir);
    const runs = new RunsRepo(db);
    runs.interruptOrphans(new Date().toISOString());
    holder[KEY] = { db, runs };
  }
  return holder[KEY];
}
