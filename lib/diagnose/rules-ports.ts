import type { PortRange } from "../common/ports";
import { finding } from "./catalog";
import type { Finding, ProbeOutcome } from "./types";

/** Findings about the rerun range as probed from the dashboard. */
export function portFindings(
  probe: ProbeOutcome,
  advertisedIp: string | null,
  range: PortRange,
  /** The Podman range to mention: the client runs Podman and was probed on another range. */
  podman: PortRange | null,
): Finding[] {
  if (probe.kind === "skipped") {
    const address = probe.skipped.address ?? advertisedIp;
    if (advertisedIp === null || address === null) return [];
    return [finding("RERUN_PORTS_NOT_PROBED", "warning", { address, reason: probe.skipped.reason, range })];
  }
  const { result } = probe;
  const findings: Finding[] = [];
  const { open, closed, filtered } = result.counts;
  const filteredRuns = result.runs.filter((run) => run.state === "filtered");
  if (filtered > 0 && open + closed === 0) findings.push(finding("RERUN_PORTS_FILTERED", "error", { result, range, podman }));
  else if (filtered > 0) findings.push(finding("RERUN_PORTS_PARTIALLY_FILTERED", "error", { result, range, podman, filteredRuns }));
  if (result.open.length > 0) findings.push(finding("RERUN_JOB_LISTENING", "info", { result, open: result.open }));
  return findings;
}
