"use client";

import { useActionState } from "react";
import { startRunAction } from "@/app/actions";
import { RunProgress } from "./run-progress";
import { RunResults } from "./run-results";
import { useRun } from "./use-run";

const RUN_CLASS =
  "rounded bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900";
const ALERT_CLASS =
  "whitespace-pre-wrap rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 " +
  "dark:border-red-800 dark:bg-red-950 dark:text-red-200";

/** The home page's live part: Run, progress, summary and the matrix of the run in the URL. */
export function Dashboard({ runId }: { runId: string | null }) {
  const run = useRun(runId);
  const [start, startAction, starting] = useActionState(startRunAction, { error: null });
  const view = run.data;
  const running = view?.status === "running";
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-4">
        <form action={startAction}>
          <button type="submit" disabled={starting || running} className={RUN_CLASS}>
            {running ? "Running…" : "Run diagnosis"}
          </button>
        </form>
        {view && runId ? <RunProgress view={view} runId={runId} now={run.dataUpdatedAt} /> : null}
      </div>
      {start.error ? (
        <pre role="alert" className={ALERT_CLASS}>
          {start.error}
        </pre>
      ) : null}
      {run.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {run.error.message}
        </p>
      ) : null}
      {!runId ? <p className="text-slate-600 dark:text-slate-400">No run yet. Press Run diagnosis to inspect the fleet.</p> : null}
      {runId && !view && !run.error ? <p className="text-slate-500">Loading the run…</p> : null}
      {view && runId ? <RunResults view={view} runId={runId} /> : null}
    </div>
  );
}
