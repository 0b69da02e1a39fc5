import Link from "next/link";
import { VERDICTS_WORST_FIRST } from "@/lib/diagnose/types";
import type { RunHistoryItem } from "@/lib/server/history";

function duration(ms: number | null): string {
  return ms === null ? "—" : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/** Past runs, newest first; each opens on the dashboard and compares with the run before it. */
export function RunHistoryTable({ runs }: { runs: readonly RunHistoryItem[] }) {
  if (runs.length === 0) return <p className="text-slate-600 dark:text-slate-400">No runs yet.</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-800">
      <table className="min-w-full text-left text-sm" aria-label="Run history">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            {["Started", "Status", "Origin", ...VERDICTS_WORST_FIRST, "Clients", "Duration", ""].map((label, i) => (
              <th key={`${label}-${i}`} scope="col" className="whitespace-nowrap px-3 py-2 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {runs.map((run) => (
            <tr key={run.id} data-run={run.id}>
              <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
                <Link className="hover:underline" href={`/?run=${run.id}`}>
                  <time dateTime={run.startedAt}>{run.startedAt.replace("T", " ").replace(/\.\d+Z$/, "Z")}</time>
                </Link>
              </th>
              <td className="px-3 py-2">{run.status}</td>
              <td className="px-3 py-2">{run.trigger === "scheduled" ? "schedule" : run.origin}</td>
              {VERDICTS_WORST_FIRST.map((verdict) => (
                <td key={verdict} className="px-3 py-2 tabular-nums" data-count={verdict}>
                  {run.counts[verdict]}
                </td>
              ))}
              <td className="px-3 py-2 tabular-nums">{run.totalClients}</td>
              <td className="px-3 py-2 tabular-nums">{duration(run.durationMs)}</td>
              <td className="whitespace-nowrap px-3 py-2">
                {run.previousId ? (
                  <Link className="hover:underline" href={`/runs/diff?a=${run.previousId}&b=${run.id}`}>
                    compare with previous
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
