import "server-only";
import { learnedUsersNetworks, type UsersNetwork } from "../diagnose/users-networks";
import { userVantageName } from "../report/user-vantage";
import { UserProbeResults } from "../store/user-probe-results";
import type { Database } from "better-sqlite3";

/** How long an upload's address keeps being checked by new runs (the longest a user probe link lives). */
export const LEARNED_USERS_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows read before screening: IPv6 sources, duplicates and inventory-covered ones are dropped after. */
const ROWS = 64;

/**
 * The users' addresses that user probes' uploads came from in the last 7 days, as extra users
 * networks for a new run's host checks: data for `ip route get` and rule matching, never probed.
 */
export function learnedUsers(db: Database, inventoryCidrs: readonly string[], now: number = Date.now()): UsersNetwork[] {
  const since = new Date(now - LEARNED_USERS_DAYS * DAY_MS).toISOString();
  const rows = new UserProbeResults(db).recentSources(since, ROWS);
  return learnedUsersNetworks(
    inventoryCidrs,
    rows.map((r) => ({ address: r.source, vantage: userVantageName(r.label) })),
  );
}
