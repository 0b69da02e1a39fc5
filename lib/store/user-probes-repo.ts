import { createHash, randomBytes } from "node:crypto";
import type { Database } from "better-sqlite3";
import type { UserProbeTarget } from "../report/user-probe";
import type { StoredUserProbeResult } from "./user-probe-results";
import { DEFAULT_USER_PROBE_TTL_HOURS, USER_PROBE_ID_LENGTH, USER_PROBE_TOKEN_PATTERN, type UserProbeInfo } from "./user-probe-types";

export * from "./user-probe-types";

const HOUR_MS = 60 * 60 * 1000;

interface Row {
  token_hash: string;
  run_id: string;
  label: string;
  targets_json: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  result_json: string | null;
  reported_at: string | null;
  source: string | null;
  uploads: number;
}

type StoredResult = StoredUserProbeResult;

export interface ActiveUserProbe {
  readonly tokenHash: string;
  readonly runId: string;
  readonly label: string;
  readonly targets: readonly UserProbeTarget[];
  readonly expiresAt: string;
}

export const hashUserProbeToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** User probe requests of runs and their latest upload. The token is returned once; the table holds its SHA-256. */
export class UserProbesRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  create(runId: string, options: { label: string; targets: readonly UserProbeTarget[]; ttlHours?: number }) {
    const token = randomBytes(32).toString("base64url");
    const hash = hashUserProbeToken(token);
    const created = this.now();
    const expiresAt = new Date(created + (options.ttlHours ?? DEFAULT_USER_PROBE_TTL_HOURS) * HOUR_MS).toISOString();
    this.db
      .prepare("INSERT INTO user_probes (token_hash, run_id, label, targets_json, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(hash, runId, options.label, JSON.stringify(options.targets), new Date(created).toISOString(), expiresAt);
    return { token, id: hash.slice(0, USER_PROBE_ID_LENGTH), expiresAt };
  }

  /** The request behind a token, or null when malformed, unknown, expired or revoked (one answer for all). */
  resolve(token: string): ActiveUserProbe | null {
    if (!USER_PROBE_TOKEN_PATTERN.test(token)) return null;
    const row = this.db.prepare("SELECT * FROM user_probes WHERE token_hash = ?").get(hashUserProbeToken(token)) as Row | undefined;
    if (!row || !this.isActive(row)) return null;
    return {
      tokenHash: row.token_hash,
      runId: row.run_id,
      label: row.label,
      targets: JSON.parse(row.targets_json) as UserProbeTarget[],
      expiresAt: row.expires_at,
    };
  }

  /** Keeps the latest upload only: a user who runs the check again replaces what they sent before. */
  record(tokenHash: string, result: StoredResult, source: string): void {
    this.db
      .prepare("UPDATE user_probes SET result_json = ?, reported_at = ?, source = ?, uploads = uploads + 1 WHERE token_hash = ?")
      .run(JSON.stringify(result), new Date(this.now()).toISOString(), source, tokenHash);
  }

  list(runId: string): UserProbeInfo[] {
    return this.rows(runId).map((row) => {
      const result = row.result_json ? (JSON.parse(row.result_json) as StoredResult) : null;
      return {
        id: row.token_hash.slice(0, USER_PROBE_ID_LENGTH),
        label: row.label,
        targets: (JSON.parse(row.targets_json) as unknown[]).length,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        revokedAt: row.revoked_at,
        active: this.isActive(row),
        reportedAt: row.reported_at,
        source: row.source,
        tool: result?.tool ?? null,
        results: result?.results.length ?? 0,
        uploads: row.uploads,
      };
    });
  }

  revoke(runId: string, id: string): boolean {
    if (!/^[0-9a-f]+$/.test(id) || id.length !== USER_PROBE_ID_LENGTH) return false;
    const row = this.db
      .prepare("SELECT token_hash FROM user_probes WHERE run_id = ? AND substr(token_hash, 1, ?) = ?")
      .get(runId, USER_PROBE_ID_LENGTH, id) as { token_hash: string } | undefined;
    if (!row) return false;
    this.db
      .prepare("UPDATE user_probes SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
      .run(new Date(this.now()).toISOString(), row.token_hash);
    return true;
  }

  private rows(runId: string): Row[] {
    return this.db.prepare("SELECT * FROM user_probes WHERE run_id = ? ORDER BY created_at, token_hash").all(runId) as Row[];
  }

  private isActive(row: Row): boolean {
    return row.revoked_at === null && Date.parse(row.expires_at) > this.now();
  }
}
