import { CellChip } from "@/components/matrix/cell-chip";
import { PortsBar } from "@/components/matrix/ports-bar";
import { VerdictBadge } from "@/components/verdict-badge";
import { advertisedCell, metadataCell, overrideCell, sshCell } from "@/lib/matrix/cells";
import { worstFirst } from "@/lib/report/order";
import type { ClientReport } from "@/lib/report/schema";

const COLUMNS = ["Client", "Admin → client (SSH)", "outer → AWS metadata", "Override file", "Advertised IP", "Dashboard → rerun ports", "Verdict", "Top finding"];

export function clientAnchor(index: number): string {
  return `client-${index + 1}`;
}

/** The reachability matrix for a share link: static, and its only links stay on the page. */
export function ShareMatrix({ clients }: { clients: readonly ClientReport[] }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-800">
      <table className="min-w-full text-left text-sm" aria-label="Reachability matrix">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            {COLUMNS.map((label) => (
              <th key={label} scope="col" className="whitespace-nowrap px-3 py-2 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {clients.map((client, index) => {
            const top = worstFirst(client.findings)[0];
            return (
              <tr key={client.name} data-client={client.name}>
                <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
                  <a className="hover:underline" href={`#${clientAnchor(index)}`}>
                    {client.name}
                  </a>
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
                <td className="px-3 py-2"><VerdictBadge verdict={client.verdict} /></td>
                <td className="max-w-md px-3 py-2 text-xs" data-top-finding={top?.code ?? ""}>
                  {top ? (
                    <>
                      <span className="font-mono font-semibold">{top.code}</span> {top.title}
                    </>
                  ) : (
                    "—"
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
