import "server-only";
import { AppError } from "../common/app-error";
import { redactReport } from "../report/redact";
import type { Report } from "../report/schema";
import { SharesRepo } from "../store/shares-repo";
import { type RunStatus } from "../store/runs-repo";
import { type ShareInfo } from "../store/share-types";
import { dbHandle } from "./db-handle";

const NOT_FOUND = "no such share link";

function shares(): SharesRepo {
  return new SharesRepo(dbHandle().db);
}

function requireRun(runId: string): void {
  if (!dbHandle().runs.get(runId)) throw new AppError("not_found", `no run ${runId}`);
}

/** A new link to the run; the token appears only in the returned URL, never in a log. */
export function createShareLink(
  runId: string,
  options: { redact: boolean; ttlDays?: number },
  origin: string,
): { url: string; expiresAt: string } {
  requireRun(runId);
  const { token, expiresAt } = shares().create(runId, options);
  return { url: `${origin}/share/${token}`, expiresAt };
}

export function listShareLinks(runId: string): ShareInfo[] {
  requireRun(runId);
  return shares().list(runId);
}

export function revokeShareLink(runId: string, shareId: string): void {
  if (!shares().revoke(runId, shareId)) throw new AppError("not_found", "no such share link for this run");
}

export interface SharedRun {
  readonly status: RunStatus;
  readonly report: Report;
  readonly redacted: boolean;
  readonly expiresAt: string;
}

/** The run behind a token, redacted when the link says so. Unknown, expired and revoked are one 404. */
export function sharedRun(token: string): SharedRun {
  const share = shares().resolve(token);
  const run = share ? dbHandle().runs.get(share.runId) : null;
  if (!share || !run) throw new AppError("not_found", NOT_FOUND);
  return {
    status: run.status,
    report: share.redact ? redactReport(run.report) : run.report,
    redacted: share.redact,
    expiresAt: share.expiresAt,
  };
}
