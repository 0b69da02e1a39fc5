import type { ClientReport } from "@/lib/report/schema";

export function PortRunsTable({ client }: { client: ClientReport }) {
  if (client.probedAddress === null)
    return <p className="text-sm text-slate-600 dark:text-slate-400">The rerun ports were not probed (no usable advertised IP).</p>;
  return (
    <table className="text-sm">
      <caption className="mb-1 text-left text-slate-600 dark:text-slate-400">From this dashboard to {client.probedAddress}</caption>
      <thead>
        <tr className="text-left text-xs uppercase text-slate-500">
          <th className="pr-6">Ports</th>
          <th className="pr-6">State</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {client.portRuns.map((run) => (
          <tr key={run.from} data-state={run.state}>
            <td className="pr-6 tabular-nums">{run.from === run.to ? run.from : `${run.from}–${run.to}`}</td>
            <td className="pr-6">{run.state}</td>
            <td>{run.reason}</td>
          </tr>
        ))}
        {client.banners.map((b) => (
          <tr key={`banner-${b.port}`}>
            <td className="pr-6 tabular-nums">{b.port}</td>
            <td colSpan={2} className="font-mono text-xs">
              banner: {b.banner}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
