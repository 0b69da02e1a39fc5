import Link from "next/link";
import { topCauses } from "@/lib/matrix/causes";
import { VERDICT_ORDER } from "@/lib/matrix/filters";
import type { ClientReport } from "@/lib/report/schema";
import { VerdictBadge } from "../verdict-badge";

/** Counts per verdict and the fleet's top causes in words; each links to the matching rows. */
export function FleetSummary({ clients, runId }: { clients: readonly ClientReport[]; runId: string }) {
  const causes = topCauses(clients);
  return (
    <section aria-label="Fleet summary" className="grid gap-4 md:grid-cols-[auto_1fr]">
      <ul className="flex flex-wrap gap-3">
        {VERDICT_ORDER.map((verdict) => (
          <li key={verdict} className="flex items-center gap-2 rounded border border-slate-200 px-3 py-2 dark:border-slate-800">
            <span className="text-2xl font-semibold tabular-nums" data-count={verdict}>
              {clients.filter((c) => c.verdict === verdict).length}
            </span>
            <VerdictBadge verdict={verdict} />
          </li>
        ))}
      </ul>
      <ul className="space-y-1 text-sm" aria-label="Top causes">
        {causes.map((cause) => (
          <li key={cause.code}>
            <Link className="hover:underline" href={`/?run=${runId}&code=${cause.code}`}>
              {cause.text}
            </Link>{" "}
            <span className="font-mono text-xs text-slate-500">{cause.code}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
