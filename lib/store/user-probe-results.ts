import type { Database } from "better-sqlite3";
import type { UserProbeResult } from "../report/user-probe";
import type { UserProbeTool } from "../report/user-probe-tools";
import type { UserVantageInput } from "../report/user-vantage";

/** An upload as stored in user_probes.result_json. */
export interface StoredUserProbeResult {
  readonly tool: UserProbeTool;
  readonly results: UserProbeResult[];
}

/** What users reported for a run, read beside its report (no hashing here: the browser's schema imports reach this file). */
export class UserProbeResults {
  constructor(private readonly db: Database) {}

  /** Results reported so far, oldest request first; a revoked or expired request keeps what it reported. */
  vantageInputs(runId: string): UserVantageInput[] {
    const rows = this.db
      .prepare(
        `SELECT label, source, reported_at, result_json FROM user_probes
         WHERE run_id = ? AND result_json IS NOT NULL ORDER BY created_at, token_hash`,
      )
      .all(runId) as { label: string; source: string | null; reported_at: string | null; result_json: string }[];
    return rows.flatMap((row) => {
      if (!row.reported_at || !row.source) return [];
      const result = JSON.parse(row.result_json) as StoredUserProbeResult;
      return [{ label: row.label, source: row.source, reportedAt: row.reported_at, tool: result.tool, results: result.results }];
    });
  }

  /**
   * The addresses uploads came from since `since` (ISO), newest first, of any run: revoked requests left
   * out (the admin disowned them). Raw rows, `limit` of them; the caller screens the addresses.
   */
  recentSources(since: string, limit: number): { source: string; label: string; reportedAt: string }[] {
    return this.db
      .prepare(
        `SELECT source, label, reported_at AS reportedAt FROM user_probes
         WHERE revoked_at IS NULL AND result_json IS NOT NULL AND source IS NOT NULL AND reported_at >= ?
         ORDER BY reported_at DESC, token_hash LIMIT ?`,
      )
      .all(since, limit) as { source: string; label: string; reportedAt: string }[];
  }

  /** Changes whenever an upload lands, so the run's version (its ETag) does too. */
  version(runId: string): string {
    const row = this.db
      .prepare("SELECT COALESCE(SUM(uploads), 0) AS n, COALESCE(MAX(reported_at), '') AS at FROM user_probes WHERE run_id = ?")
      .get(runId) as { n: number; at: string };
    return row.n === 0 ? "" : `-u${row.n}-${row.at}`;
  }
}
