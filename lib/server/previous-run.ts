import "server-only";
import type { ReportDiff } from "../report/diff";
import { runDiff, runHistory } from "./history";

/** What changed since the run before `runId`, once `runId` is done; null when there is nothing to compare. */
export function changesSincePrevious(runId: string): ReportDiff | null {
  const history = runHistory();
  const index = history.findIndex((run) => run.id === runId);
  const current = history[index];
  if (!current || current.status !== "done" || current.previousId === null) return null;
  return runDiff(current.previousId, runId);
}
