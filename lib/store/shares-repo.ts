import { createHash, randomBytes } from "node:crypto";
import type { Database } from "better-sqlite3";
import { DEFAULT_SHARE_TTL_DAYS, SHARE_ID_LENGTH, SHARE_TOKEN_PATTERN, type ResolvedShare, type ShareInfo } from "./share-types";

const DAY_MS = 24 * 60 * 60 * 1000;

interface ShareRow {
  token_hash: string;
  run_id: string;
  redact: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Share links of runs. The token is returned once, at creation; the table holds only its SHA-256. */
export class SharesRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  create(runId: string, options: { redact: boolean; ttlDays?: number }): { token: string; id: string; expiresAt: string } {
    const token = randomBytes(32).toString("base64url");
    const hash = hashShareToken(token);
    const created = this.now();
    const expiresAt = new Date(created + (options.ttlDays ?? DEFAULT_SHARE_TTL_DAYS) * DAY_MS).toISOString();
    this.db
      .prepare("INSERT INTO share_links (token_hash, run_id, redact, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
      .run(hash, runId, options.redact ? 1 : 0, new Date(created).toISOString(), expiresAt);
    return { token, id: hash.slice(0, SHARE_ID_LENGTH), expiresAt };
  }

  /** The run behind a token, or null when the token is malformed, unknown, expired or revoked. */
  resolve(token: string): ResolvedShare | null {
    if (!SHARE_TOKEN_PATTERN.test(token)) return null;
    const row = this.db.prepare("SELECT * FROM share_links WHERE token_hash = ?").get(hashShareToken(token)) as ShareRow | undefined;
    if (!row || !this.isActive(row)) return null;
    return { runId: row.run_id, redact: row.redact === 1, expiresAt: row.expires_at };
  }

  list(runId: string): ShareInfo[] {
    const rows = this.db
      .prepare("SELECT * FROM share_links WHERE run_id = ? ORDER BY created_at DESC, token_hash")
      .all(runId) as ShareRow[];
    return rows.map((row) => ({
      id: row.token_hash.slice(0, SHARE_ID_LENGTH),
      redact: row.redact === 1,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      active: this.isActive(row),
    }));
  }

  /** Revokes the run's link whose hash starts with `id`; false when there is none (already revoked is true). */
  revoke(runId: string, id: string): boolean {
    if (!/^[0-9a-f]+$/.test(id) || id.length !== SHARE_ID_LENGTH) return false;
    const row = this.db
      .prepare("SELECT token_hash FROM share_links WHERE run_id = ? AND substr(token_hash, 1, ?) = ?")
      .get(runId, SHARE_ID_LENGTH, id) as { token_hash: string } | undefined;
    if (!row) return false;
    this.db
      .prepare("UPDATE share_links SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
      .run(new Date(this.now()).toISOString(), row.token_hash);
    return true;
  }

  private isActive(row: ShareRow): boolean {
    return row.revoked_at === null && Date.parse(row.expires_at) > this.now();
  }
}
