import type { PortRange } from "../common/ports";
import { finding } from "./catalog";
import type { ClientObservation, Finding } from "./types";
import { DASHBOARD_SOURCE, type FleetObservation, type VantageView } from "./reach-types";

/** Usable vantages that saw some of this client's rerun range filtered; unusable ones never count. */
export function vantagesFiltering(obs: ClientObservation): VantageView[] {
  return (obs.reach?.vantages ?? []).filter(
    (v) => v.unusable === null && v.scan !== null && v.scan.lost === null && v.scan.counts.filtered > 0,
  );
}

export function vantageFindings(obs: ClientObservation, range: PortRange): Finding[] {
  const dashboardFiltered = obs.probe.kind === "probed" ? obs.probe.result.counts.filtered : null;
  return vantagesFiltering(obs).map((v) =>
    finding("RERUN_PORTS_FILTERED_FROM_VANTAGE", "error", { vantage: v.vantage, scan: v.scan!, range, dashboardFiltered }),
  );
}

/** Where users' reruns fail from: the dashboard when it sees the range filtered, then each vantage that does. */
export function rerunsFailFrom(obs: ClientObservation, findings: readonly Finding[]): string[] {
  const fromDashboard = findings.some((f) => f.code === "RERUN_PORTS_FILTERED" || f.code === "RERUN_PORTS_PARTIALLY_FILTERED");
  return [...(fromDashboard ? [DASHBOARD_SOURCE] : []), ...vantagesFiltering(obs).map((v) => v.vantage)];
}

/** Findings about the run as a whole: broken vantages, and VMs whose 54782 users cannot reach. */
export function diagnoseReachFleet(fleet: FleetObservation | null): Finding[] {
  if (!fleet) return [];
  const unusable = fleet.vantages.flatMap((v) =>
    v.unusable === null ? [] : [finding("VANTAGE_UNUSABLE", "warning", { vantage: v.name, host: v.host, reason: v.unusable })],
  );
  const machines = fleet.machines.flatMap((m) => {
    const sources = m.from.filter((f) => f.unusable === null && f.probe?.state === "filtered").map((f) => f.source);
    return sources.length === 0 ? [] : [finding("VM_PORT_54782_FILTERED", "error", { machine: m.name, host: m.host, sources })];
  });
  return [...unusable, ...machines];
}
