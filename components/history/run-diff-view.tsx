import Link from "next/link";
import { VerdictBadge } from "@/components/verdict-badge";
import type { ClientDiff, OverrideState, ReportDiff } from "@/lib/report/diff";

const overrideText = (state: OverrideState) => (state.exists ? `"${state.preview}"` : "no file");
const countsText = (p: { open: number; closed: number; filtered: number }) => `${p.open}/${p.closed}/${p.filtered}`;

function Changes({ client }: { client: ClientDiff }) {
  const items: React.ReactNode[] = [];
  if (client.verdict) {
    items.push(
      <span key="verdict" className="inline-flex items-center gap-1">
        verdict {client.verdict.before ? <VerdictBadge verdict={client.verdict.before} /> : "—"} →{" "}
        {client.verdict.after ? <VerdictBadge verdict={client.verdict.after} /> : "—"}
      </span>,
    );
  }
  if (client.advertisedIp) items.push(`advertised IP ${client.advertisedIp.before ?? "none"} → ${client.advertisedIp.after ?? "none"}`);
  if (client.override) items.push(`override ${overrideText(client.override.before)} → ${overrideText(client.override.after)}`);
  if (client.ports) items.push(`ports open/closed/filtered ${countsText(client.ports.before)} → ${countsText(client.ports.after)}`);
  if (client.findingsAdded.length > 0) items.push(`new findings: ${client.findingsAdded.join(", ")}`);
  if (client.findingsRemoved.length > 0) items.push(`gone findings: ${client.findingsRemoved.join(", ")}`);
  if (items.length === 0) return <span className="text-slate-500">no change</span>;
  return (
    <ul className="space-y-1">
      {items.map((item, i) => (
        <li key={i} className="break-words">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** What changed between two runs, changed clients first; unchanged ones are only counted. */
export function RunDiffView({ diff }: { diff: ReportDiff }) {
  const shown = diff.clients.filter((c) => c.change !== "unchanged");
  const { added, removed, changed, unchanged } = diff.counts;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        From{" "}
        <Link className="underline" href={`/?run=${diff.before.runId}`}>
          {diff.before.startedAt}
        </Link>{" "}
        to{" "}
        <Link className="underline" href={`/?run=${diff.after.runId}`}>
          {diff.after.startedAt}
        </Link>
        : {changed} changed, {added} added, {removed} removed, {unchanged} unchanged.
      </p>
      {shown.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">Nothing changed between these runs.</p>
      ) : (
        <table className="min-w-full text-left text-sm" aria-label="Changes by client">
          <thead className="text-xs uppercase text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2">
                Client
              </th>
              <th scope="col" className="px-3 py-2">
                Change
              </th>
              <th scope="col" className="px-3 py-2">
                What
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {shown.map((client) => (
              <tr key={client.name} data-client={client.name} data-change={client.change} className="align-top">
                <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
                  {client.name}
                </th>
                <td className="px-3 py-2">{client.change}</td>
                <td className="px-3 py-2">
                  <Changes client={client} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
