import "server-only";
import { AppError } from "../common/app-error";
import type { RunView } from "../api/schema";
import type { StoredRun } from "../store/runs-repo";
import { dbHandle } from "./db-handle";

export function toRunView(run: StoredRun, version: string): RunView {
  return {
    status: run.status,
    origin: run.origin,
    progress: { done: run.report.clients.length, total: run.totalClients },
    version,
    report: run.report,
  };
}

export function getRunView(id: string): RunView {
  const { runs } = dbHandle();
  const version = runs.version(id);
  const run = version === null ? null : runs.get(id);
  if (!run || version === null) throw new AppError("not_found", `no run ${id}`);
  return toRunView(run, version);
}

export function latestRunView(): RunView | null {
  const { runs } = dbHandle();
  const run = runs.latest();
  return run ? toRunView(run, runs.version(run.id) ?? "") : null;
}

const CACHE_KEY = Symbol.for("rerun-doctor.run-json");
const CACHE_RUNS = 32;
type Holder = { [CACHE_KEY]?: Map<string, { version: string; json: string }> };

/**
 * GET /api/runs/:id as JSON text and its version: fifty pollers of one running run cost one
 * serialization per change, and none while nothing changed (the caller answers 304).
 */
export function runViewJson(id: string): { version: string; json: () => string } {
  const version = dbHandle().runs.version(id);
  if (version === null) throw new AppError("not_found", `no run ${id}`);
  return {
    version,
    json: () => {
      const cache = ((globalThis as Holder)[CACHE_KEY] ??= new Map());
      const hit = cache.get(id);
      if (hit?.version === version) return hit.json;
      const json = JSON.stringify(getRunView(id));
      cache.delete(id);
      cache.set(id, { version, json });
      if (cache.size > CACHE_RUNS) cache.delete(cache.keys().next().value!);
      return json;
    },
  };
}
