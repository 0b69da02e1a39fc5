import Link from "next/link";
import { topCauses } from "@/lib/views/causes";
import type { ClientReport } from "@/lib/report/schema";
import { VerdictCounts } from "../verdict-counts";

/** Counts per verdict and the fleet's top causes in words; each links to the matching rows. */
export function FleetSummary({ clients, runId }: { clients: readonly ClientReport[]; runId: string }) {
  const causes = topCauses(clients);
  return (
    <section aria-label="Fleet summary" className="grid gap-4 md:grid-cols-[auto_1fr]">
      <VerdictCounts clients={clients} />
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
