import Link from "next/link";
import { advertisedCell, metadataCell, overrideCell, sshCell } from "@/lib/matrix/cells";
import { hasPaths, pathsCell, vantageCell, vantageNames, type VantageCell } from "@/lib/matrix/wide-cells";
import { worstFirst } from "@/lib/report/order";
import type { ClientReport } from "@/lib/report/schema";
import { VerdictBadge } from "../verdict-badge";
import { CellChip } from "./cell-chip";
import { PortsBar } from "./ports-bar";

const HEAD = [
  ["Client", "Nomad client as named in the inventory"],
  ["Admin → client (SSH)", "Rerun Doctor's own SSH session to the client"],
  ["outer → AWS metadata", "What the outer agent gets from 169.254.169.254"],
  ["Override file", "/etc/circleci/public-ipv4"],
  ["Advertised IP", "The address outer gives users, and where it came from"],
  ["Dashboard → rerun ports", "TCP connect probes of the rerun range from this dashboard"],
] as const;
const TAIL = [
  ["Verdict", "Can users SSH into reruns on this client?"],
  ["Top finding", "The most severe finding"],
] as const;

/** The rerun range as a vantage sees it: the dashboard's stacked bar, or why there is none. */
function VantageBar({ cell }: { cell: VantageCell }) {
  if (!cell.counts) return <CellChip cell={cell} />;
  const { open, closed, filtered } = cell.counts;
  const total = Math.max(1, open + closed + filtered);
  return (
    <span className="inline-flex items-center gap-2" title={cell.evidence}>
      <span className="flex h-2 w-20 overflow-hidden rounded bg-slate-200 dark:bg-slate-700" aria-hidden>
        <span className="bg-sky-500" style={{ width: `${(open / total) * 100}%` }} />
        <span className="bg-emerald-500" style={{ width: `${(closed / total) * 100}%` }} />
        <span className="bg-red-500" style={{ width: `${(filtered / total) * 100}%` }} />
      </span>
      <span className="text-xs tabular-nums">
        {open}/{closed}/<span className={filtered > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}>{filtered}</span>
      </span>
    </span>
  );
}

/** A row per client; columns follow the SSH rerun architecture from the admin to the user's port. */
export function ReachabilityMatrix({ runId, clients }: { runId: string; clients: readonly ClientReport[] }) {
  const vantages = vantageNames(clients);
  const paths = hasPaths(clients);
  const columns = [
    ...HEAD,
    ...vantages.map((name) => [`${name} → rerun ports`, `Rerun ports probed through ${name}'s sshd: open/closed/filtered`] as const),
    ...(paths ? [["Client → services / VMs", "From the client over its own SSH session: services (4647, 8585, 3000 or 7171/3001) and VMs (22, 2376)"] as const] : []),
    ...TAIL,
  ];
  return (
    <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-800">
      <table className="min-w-full text-left text-sm" aria-label="Reachability matrix">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            {columns.map(([label, help]) => (
              <th key={label} scope="col" title={help} className="whitespace-nowrap px-3 py-2 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {clients.map((client) => {
            const top = worstFirst(client.findings)[0];
            return (
              <tr key={client.name} data-client={client.name} className="hover:bg-slate-50 dark:hover:bg-slate-900">
                <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
                  <Link className="underline-offset-2 hover:underline focus-visible:underline" href={`/runs/${runId}/clients/${encodeURIComponent(client.name)}`}>
                    {client.name}
                  </Link>
                  <div className="text-xs font-normal text-slate-500 dark:text-slate-400">{client.host}</div>
                </th>
                <td className="px-3 py-2"><CellChip cell={sshCell(client)} /></td>
                <td className="px-3 py-2"><CellChip cell={metadataCell(client)} /></td>
                <td className="px-3 py-2"><CellChip cell={overrideCell(client)} /></td>
                <td className="whitespace-nowrap px-3 py-2">
                  <CellChip cell={advertisedCell(client)} />
                  <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">{client.advertisedIpSource}</span>
                </td>
                <td className="px-3 py-2"><PortsBar client={client} /></td>
                {vantages.map((name) => (
                  <td key={name} className="px-3 py-2" data-vantage={name}><VantageBar cell={vantageCell(client, name)} /></td>
                ))}
                {paths ? <td className="px-3 py-2"><CellChip cell={pathsCell(client) ?? { label: "—", tone: "none", evidence: "not measured" }} /></td> : null}
                <td className="px-3 py-2"><VerdictBadge verdict={client.verdict} /></td>
                <td className="max-w-md px-3 py-2 text-xs" data-top-finding={top?.code ?? ""}>
                  {top ? (
                    <>
                      <span className="font-mono font-semibold">{top.code}</span> <span className="text-slate-700 dark:text-slate-300">{top.title}</span>
                    </>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
