import { toRuns } from "../common/ports";
import type { ClientDiagnosis, ClientObservation, Finding } from "../diagnose/types";
import type { FleetObservation, VantageView } from "../diagnose/reach-types";
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
export function reachClientFields(obs: ClientObservation, diagnosis: ClientDiagnosis): Partial<ClientReport> {
  const reach = obs.reach;
  if (!reach) return {};
  const fields: Partial<ClientReport> = {};
  if (reach.rerunRange) fields.rerunPorts = { from: reach.rerunRange.from, to: reach.rerunRange.to };
  if (reach.paths) {
    fields.paths = reach.paths.paths.map((p) => ({
      kind: p.kind,
      target: p.target,
      host: p.host,
      port: p.port,
      purpose: p.purpose,
      state: p.probe.state,
      reason: p.probe.reason,
    }));
    fields.pathsNote = reach.paths.unmeasured;
  }
  if (reach.vantages) {
    fields.vantages = reach.vantages.map(vantageEntry);
    fields.rerunsFailFrom = [...(diagnosis.rerunsFailFrom ?? [])];
  }
  return fields;
}

/** The Report extensions: vantage statuses, VMs' 54782, and findings that belong to no client. */
export function reachReportFields(fleet: FleetObservation | null | undefined, findings: readonly Finding[]): Partial<Report> {
  if (!fleet) return {};
  return {
    vantages: fleet.vantages.map((v) => ({ name: v.name, host: v.host, check: v.check, usable: v.unusable === null, reason: v.unusable })),
    machines: fleet.machines.map((m) => ({
      name: m.name,
      host: m.host,
      from: m.from.map((f) => ({
        source: f.source,
        usable: f.unusable === null,
        state: f.probe?.state ?? null,
        reason: f.unusable ?? f.probe?.reason ?? null,
      })),
    })),
    findings: findings.map((f) => ({ ...f })),
  };
}
