import type { ClientReport } from "@/lib/report/schema";
import { StackedCounts } from "./stacked-counts";

/** The dashboard's own view of a client's rerun range. */
export function PortsBar({ client }: { client: ClientReport }) {
  if (client.probedAddress === null) return <span className="text-xs text-slate-500 dark:text-slate-400">not probed</span>;
  const { open, closed, filtered } = client.ports;
  return <StackedCounts counts={client.ports} title={`${client.probedAddress}: ${open} open, ${closed} closed, ${filtered} filtered`} />;
}
