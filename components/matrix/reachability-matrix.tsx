import { portList, servicesPortsWords, VM_PORTS } from "@/lib/diagnose/circleci-ports";
import Link from "next/link";
import { advertisedCell, metadataCell, overrideCell, sshCell } from "@/lib/views/matrix-cells";
import { hasPaths, pathsCell, vantageCell, vantageNames, type VantageCell } from "@/lib/views/reach-cells";
import { worstFirst } from "@/lib/report/order";
import type { ClientReport } from "@/lib/report/schema";
import { USER_VANTAGE_PREFIX } from "@/lib/report/user-vantage";
import { VerdictBadge } from "../verdict-badge";
import { CellChip } from "./cell-chip";
import { PortsBar } from "./ports-bar";
import { StackedCounts } from "./stacked-counts";

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
  return cell.counts ? <StackedCounts counts={cell.counts} title={cell.evidence} /> : <CellChip cell={cell} />;
}

/** A row per client; columns follow the SSH rerun architecture from the admin to the user's port. */
export function ReachabilityMatrix({
  clients,
  clientHref,
}: {
  clients: readonly ClientReport[];
  clientHref: (client: ClientReport, index: number) => string;
}) {
  const vantages = vantageNames(clients);
  const paths = hasPaths(clients);
  const columns = [
    ...HEAD,
    ...vantages.map(
      (name) =>
        [
          `${name} → rerun ports`,
          name.startsWith(USER_VANTAGE_PREFIX)
            ? "Rerun ports probed from a user's own machine (a user probe), posted back: open/closed/filtered"
            : `Rerun ports probed through ${name}'s sshd: open/closed/filtered`,
        ] as const,
    ),
    ...(paths
      ? [
          [
            "Client → services / VMs",
            `From the client over its own SSH session: services (${servicesPortsWords()}) and VMs (${portList(VM_PORTS, ", ")})`,
          ] as const,
        ]
      : []),
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
          {clients.map((client, index) => {
            const top = worstFirst(client.findings)[0];
            return (
              <tr key={client.name} data-client={client.name} className="hover:bg-slate-50 dark:hover:bg-slate-900">
                <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
                  <Link className="underline-offset-2 hover:underline focus-visible:underline" href={clientHref(client, index)}>
                    {client.name}
                  </Link>
                  <div className="text-xs font-normal text-slate-500 dark:text-slate-400">{client.host}</div>
                </th>
                <td className="px-3 py-2">
                  <CellChip cell={sshCell(client)} />
                </td>
                <td className="px-3 py-2">
                  <CellChip cell={metadataCell(client)} />
                </td>
                <td className="px-3 py-2">
                  <CellChip cell={overrideCell(client)} />
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <CellChip cell={advertisedCell(client)} />
                  <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">{client.advertisedIpSource}</span>
                </td>
                <td className="px-3 py-2">
                  <PortsBar client={client} />
                </td>
                {vantages.map((name) => (
                  <td key={name} className="px-3 py-2" data-vantage={name}>
                    <VantageBar cell={vantageCell(client, name)} />
                  </td>
                ))}
                {paths ? (
                  <td className="px-3 py-2">
                    <CellChip cell={pathsCell(client) ?? { label: "—", tone: "none", evidence: "not measured" }} />
                  </td>
                ) : null}
                <td className="px-3 py-2">
                  <VerdictBadge verdict={client.verdict} />
                </td>
                <td className="max-w-md px-3 py-2 text-xs" data-top-finding={top?.code ?? ""}>
                  {top ? (
                    <>
                      <span className="font-mono font-semibold">{top.code}</span>{" "}
                      <span className="text-slate-700 dark:text-slate-300">{top.title}</span>
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
