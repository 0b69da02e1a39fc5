"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { applyFilters, readFilters } from "@/lib/matrix/filters";
import { MatrixFilters } from "../matrix/matrix-filters";
import { ReachabilityMatrix } from "../matrix/reachability-matrix";
import { FleetSummary } from "./fleet-summary";
import { RunProgress } from "./run-progress";
import { useRun, useStartRun } from "./use-run";

/** The home page's live part: Run, progress, summary and the matrix of the run in the URL. */
export function Dashboard({ runId }: { runId: string | null }) {
  const router = useRouter();
  const params = useSearchParams();
  const run = useRun(runId);
  const start = useStartRun((id) => router.replace(`/?run=${id}`, { scroll: false }));
  const view = run.data;
  const running = view?.status === "running";
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-4">
        <button
          type="button"
          onClick={() => start.mutate()}
          disabled={start.isPending || running}
          className="rounded bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
        >
          {running ? "Running…" : "Run diagnosis"}
        </button>
        {view && runId ? <RunProgress view={view} runId={runId} now={run.dataUpdatedAt} /> : null}
      </div>
      {start.error ? (
        <pre role="alert" className="whitespace-pre-wrap rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {start.error.message}
        </pre>
      ) : null}
      {run.error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{run.error.message}</p> : null}
      {!runId ? <p className="text-slate-600 dark:text-slate-400">No run yet. Press Run diagnosis to inspect the fleet.</p> : null}
      {runId && !view && !run.error ? <p className="text-slate-500">Loading the run…</p> : null}
      {view && runId ? (
        <>
          <FleetSummary clients={view.report.clients} runId={runId} />
          <MatrixFilters />
          <ReachabilityMatrix runId={runId} clients={applyFilters(view.report.clients, readFilters(params))} />
        </>
      ) : null}
    </div>
  );
}
