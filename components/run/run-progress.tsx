"use client";

import type { RunView } from "@/lib/api/schema";
import { useCancelRun } from "./use-run";

function elapsed(view: RunView, now: number): string {
  const end = view.report.finishedAt ? Date.parse(view.report.finishedAt) : now;
  return `${((end - Date.parse(view.report.startedAt)) / 1000).toFixed(1)} s`;
}

/** n of N clients and elapsed time; re-rendered by each poll, so no timer of its own. */
export function RunProgress({ view, runId, now }: { view: RunView; runId: string; now: number }) {
  const cancel = useCancelRun(runId);
  const { done, total } = view.progress;
  const running = view.status === "running";
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" aria-live="polite">
      <progress className="h-2 w-48" max={Math.max(total, 1)} value={done} aria-label="Clients inspected" />
      <span data-testid="run-progress" className="tabular-nums">
        {done} of {total} clients · {elapsed(view, now)} · {view.status}
      </span>
      {running ? (
        <button
          type="button"
          onClick={() => cancel.mutate()}
          disabled={cancel.isPending}
          className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Cancel
        </button>
      ) : null}
    </div>
  );
}
