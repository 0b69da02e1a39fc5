import type { DailySummary } from "@/lib/store/watch-compaction";
import type { ScheduleStatus } from "@/lib/server/watch/scheduler";
import { ScheduleForm } from "./schedule-form";

const SOURCE = { test: "test-only env variable", dashboard: "set here", inventory: "from the inventory" } as const;

function describe(status: ScheduleStatus): string {
  if (status.effectiveS === null) return "No schedule: runs start only when an admin starts them.";
  const every = status.effectiveS % 60 === 0 ? `${status.effectiveS / 60} min` : `${status.effectiveS} s`;
  const next = status.nextDueAt ? `; next run due ${status.nextDueAt.replace("T", " ").replace(/\.\d+Z$/, "Z")}` : "";
  return `Every ${every} (${SOURCE[status.source!]})${next}.`;
}

/** The schedule, its last skipped slot, and the identical scheduled runs compaction folded into daily counts. */
export function SchedulePanel({ status, summaries }: { status: ScheduleStatus; summaries: readonly DailySummary[] }) {
  return (
    <section aria-label="Schedule and compaction" className="space-y-2 rounded border border-slate-200 p-4 dark:border-slate-800">
      <h2 className="font-semibold">Schedule</h2>
      <p className="text-sm">{describe(status)}</p>
      {status.lastSkip ? <p className="text-sm text-amber-700 dark:text-amber-400">Last skipped slot: {status.lastSkip}</p> : null}
      <ScheduleForm minutes={status.intervalS === null ? null : Math.round(status.intervalS / 60)} />
      {summaries.length > 0 ? (
        <details className="text-sm">
          <summary>Identical scheduled runs folded into daily counts</summary>
          <ul className="mt-1 list-inside list-disc">
            {summaries.map((s) => (
              <li key={s.day} data-day={s.day}>
                {s.day}: {s.collapsedRuns} run{s.collapsedRuns === 1 ? "" : "s"} like the one before (ok {s.counts.ok}, degraded{" "}
                {s.counts.degraded}, broken {s.counts.broken}, unknown {s.counts.unknown})
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
