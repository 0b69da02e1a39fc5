import type { ContainerRuntime } from "../collect/types";
import type { PortRange } from "../common/ports";
import { toRuns } from "../common/ports";
import { jobListeningText, portsFilteredText, portsNotProbedText, portsPartiallyFilteredText } from "./texts-ports";
import type { Finding, ProbeOutcome } from "./types";
import { makeFinding } from "./verdict";

/** Findings about the rerun range as probed from the dashboard. */
export function portFindings(
  probe: ProbeOutcome,
  advertisedIp: string | null,
  range: PortRange,
  runtime: ContainerRuntime | null,
): Finding[] {
  if (probe.kind === "skipped") {
    const address = probe.skipped.address ?? advertisedIp;
    if (advertisedIp === null || address === null) return [];
    return [makeFinding("RERUN_PORTS_NOT_PROBED", "warning", portsNotProbedText(address, probe.skipped.reason, range))];
  }
  const { result } = probe;
  const findings: Finding[] = [];
  const filteredRuns = toRuns(result.ports).filter((run) => run.state === "filtered");
  const filteredCount = result.ports.filter((port) => port.state === "filtered").length;
  if (result.ports.length > 0 && filteredCount === result.ports.length) {
    findings.push(makeFinding("RERUN_PORTS_FILTERED", "error", portsFilteredText(result, range, runtime)));
  } else if (filteredCount > 0) {
    findings.push(
      makeFinding("RERUN_PORTS_PARTIALLY_FILTERED", "error", portsPartiallyFilteredText(result, filteredRuns, range, runtime)),
    );
  }
  const open = result.ports.filter((port) => port.state === "open").sort((a, b) => a.port - b.port);
  if (open.length > 0) findings.push(makeFinding("RERUN_JOB_LISTENING", "info", jobListeningText(result, open)));
  return findings;
}
