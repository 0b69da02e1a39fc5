import type { PortCounts } from "../common/ports";
import type { ClientReport, MachineReport, PathReport } from "../report/schema";
import type { Cell } from "./matrix-cells";

export interface VantageCell extends Cell {
  /** Counts for the stacked bar; null when nothing was probed from the vantage for this client. */
  readonly counts: PortCounts | null;
}

/** Vantage names in the order the clients list them: one matrix column each. */
export function vantageNames(clients: readonly ClientReport[]): string[] {
  return [...new Set(clients.flatMap((c) => (c.vantages ?? []).map((v) => v.name)))];
}

export function vantageCell(client: ClientReport, name: string): VantageCell {
  const view = client.vantages?.find((v) => v.name === name);
  if (!view) return { label: "—", tone: "none", evidence: "not probed from this vantage", counts: null };
  if (!view.usable)
    return { label: "vantage unusable", tone: "unknown", evidence: view.reason ?? "the vantage failed its check", counts: null };
  if (view.address === null) return { label: "not probed", tone: "none", evidence: view.reason ?? "not probed", counts: null };
  const { open, closed, filtered } = view.counts;
  const sampled = view.probed < view.rangeSize ? ` (${view.probed} of ${view.rangeSize} ports sampled)` : "";
  const evidence = `${view.address} from ${name}: ${open} open, ${closed} closed, ${filtered} filtered${sampled}`;
  return { label: filtered > 0 ? "filtered" : "reachable", tone: filtered > 0 ? "bad" : "good", evidence, counts: view.counts };
}

const pathWords = (p: PathReport) => `${p.target} ${p.port} (${p.purpose}) ${p.state}`;

/** The services and VM paths probed from this client; null when none are configured. */
export function pathsCell(client: ClientReport): Cell | null {
  if (client.paths === undefined) return null;
  if (client.pathsNote) return { label: "not measured", tone: "unknown", evidence: client.pathsNote };
  const failing = client.paths.filter((p) => p.state !== "open");
  if (failing.length === 0) return { label: `${client.paths.length} open`, tone: "good", evidence: client.paths.map(pathWords).join("; ") };
  const label = failing.length === 1 ? `${failing[0]!.port} ${failing[0]!.state}` : `${failing.length} of ${client.paths.length} failing`;
  return { label, tone: "bad", evidence: failing.map(pathWords).join("; ") };
}

export const hasPaths = (clients: readonly ClientReport[]): boolean => clients.some((c) => c.paths !== undefined);

/** A VM's 54782 as users see it: filtered from any usable source fails it. */
export function machineOutcome(machine: MachineReport): "fail" | "ok" | "unknown" {
  const usable = machine.from.filter((f) => f.usable && f.state !== null);
  if (usable.some((f) => f.state === "filtered")) return "fail";
  return usable.length > 0 ? "ok" : "unknown";
}
