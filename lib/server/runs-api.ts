import "server-only";
import { AppError } from "../errors/app-error";
import type { RunView } from "../queries/run-view";
import type { StoredRun } from "../store";
import { store } from "./store";

export function toRunView(run: StoredRun): RunView {
  return { status: run.status, origin: run.origin, progress: { done: run.report.clients.length, total: run.totalClients }, report: run.report };
}

export function getRunView(id: string): RunView {
  const run = store().runs.get(id);
  if (!run) throw new AppError("not_found", `no run ${id}`);
  return toRunView(run);
}

export function latestRunView(): RunView | null {
  const run = store().runs.latest();
  return run ? toRunView(run) : null;
}
