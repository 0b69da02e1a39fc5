import { toRuns } from "../common/ports";
import { vantagesFiltering } from "../diagnose/rules-vantage";
import type { ClientObservation, Finding } from "../diagnose/types";
import { DASHBOARD_SOURCE, type FleetObservation, type VantageView } from "../diagnose/wide-types";
import type { ClientReport, Report, VantageClientReport } from "./schema";

const NOT_PROBED = "the dashboard did not probe this client's advertised IP, so neither did the vantage";

function vantageEntry(view: VantageView): VantageClientReport {
  const scan = view.unusable === null ? view.scan : null;
  return {
    name: view.vantage,
    usable: view.unusable === null,
    reason: view.unusable ?? (scan ? null : NOT_PROBED),
    address: scan?.address ?? null,
    counts: scan ? { ...scan.counts } : { open: 0, closed: 0, filtered: 0 },
    runs: scan ? toRuns(scan.probes) : [],
    probed: scan?.probes.length ?? 0,
    rangeSize: scan?.rangeSize ?? 0,
  };
}

/** The ClientReport extensions for vantages, services and VM paths, and a Podman range. */
export function wideClientFields(obs: ClientObservation, findings: readonly Finding[]): Partial<ClientReport> {
  const wide = obs.wide;
  if (!wide) return {};
  const fields: Partial<ClientReport> = {};
  if (wide.rerunRange) fields.rerunPorts = { from: wide.rerunRange.from, to: wide.rerunRange.to };
  if (wide.paths) {
    fields.paths = wide.paths.paths.map((p) => ({ kind: p.kind, target: p.target, host: p.host, port: p.port, purpose: p.purpose, state: p.probe.state, reason: p.probe.reason }));
    fields.pathsNote = wide.paths.unmeasured;
  }
  if (wide.vantages) {
    fields.vantages = wide.vantages.map(vantageEntry);
    const fromDashboard = findings.some((f) => f.code === "RERUN_PORTS_FILTERED" || f.code === "RERUN_PORTS_PARTIALLY_FILTERED");
    fields.rerunsFailFrom = [...(fromDashboard ? [DASHBOARD_SOURCE] : []), ...vantagesFiltering(obs).map((v) => v.vantage)];
  }
  return fields;
}

/** The Report extensions: vantage statuses, VMs' 54782, and findings that belong to no client. */
export function wideReportFields(fleet: FleetObservation | null | undefined, findings: readonly Finding[]): Partial<Report> {
  if (!fleet) return {};
  return {
    vantages: fleet.vantages.map((v) => ({ name: v.name, host: v.host, check: v.check, usable: v.unusable === null, reason: v.unusable })),
    machines: fleet.machines.map((m) => ({
      name: m.name,
      host: m.host,
      from: m.from.map((f) => ({ source: f.source, usable: f.unusable === null, state: f.probe?.state ?? null, reason: f.unusable ?? f.probe?.reason ?? null })),
    })),
    findings: findings.map((f) => ({ ...f })),
  };
}
