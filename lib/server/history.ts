import "server-only";
import { AppError } from "../common/app-error";
import { diffReports, type ReportDiff } from "../report/diff";
import { listRunSummaries, type RunSummary } from "../store/run-summaries";
import { dbHandle } from "./db-handle";

export interface RunHistoryItem extends RunSummary {
  readonly durationMs: number | null;
  /** The run started just before this one, to compare with. */
  readonly previousId: string | null;
}

export const HISTORY_LIMIT = 100;

export function runHistory(limit = HISTORY_LIMIT): RunHistoryItem[] {
  const runs = listRunSummaries(dbHandle().db, limit + 1);
  return runs.slice(0, limit).map((run, index) => ({
    ...run,
    durationMs: run.finishedAt === null ? null : Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt)),
    previousId: runs[index + 1]?.id ?? null,
  }));
}

/** The diff from run `a` (before) to run `b` (after). */
export function runDiff(a: string, b: string): ReportDiff {
  const { runs } = dbHandle();
  const before = runs.get(a);
  const after = runs.get(b);
  if (!before || !after) throw new AppError("not_found", "no such run");
  return diffReports(before.report, after.report);
}
