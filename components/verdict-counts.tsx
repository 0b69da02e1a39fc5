import { VERDICTS_WORST_FIRST } from "@/lib/diagnose/types";
import { verdictCounts } from "@/lib/report/order";
import type { ClientReport } from "@/lib/report/schema";
import { VerdictBadge } from "./verdict-badge";

/** How many clients got each verdict, worst first: the dashboard's and a share link's headline. */
export function VerdictCounts({ clients }: { clients: readonly Pick<ClientReport, "verdict">[] }) {
  const counts = verdictCounts(clients);
  return (
    <ul className="flex flex-wrap gap-3" aria-label="Verdicts">
      {VERDICTS_WORST_FIRST.map((verdict) => (
        <li key={verdict} className="flex items-center gap-2 rounded border border-slate-200 px-3 py-2 dark:border-slate-800">
          <span className="text-2xl font-semibold tabular-nums" data-count={verdict}>
            {counts[verdict]}
          </span>
          <VerdictBadge verdict={verdict} />
        </li>
      ))}
    </ul>
  );
}
