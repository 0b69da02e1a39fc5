import type { ContainerRuntime } from "../collect/types";
import type { PortRange } from "../common/ports";
import type { PortProbe, ProbeResult } from "../probe/types";
import { escapeText } from "../common/escape";
import { countStates as countPorts, formatRanges, type PortRun } from "../common/ports";
import { plural, rangeText, type FindingText } from "./texts-common";

const PODMAN_PORTS = "32768–60999";

function runtimeNote(runtime: ContainerRuntime | null): string {
  return runtime === "podman"
    ? ` This client runs jobs with Podman, whose rerun ports are ${PODMAN_PORTS}: open that range too.`
    : "";
}

function countsText(ports: readonly PortProbe[]): string {
  const counts = countPorts(ports);
  return `${counts.open} open, ${counts.closed} closed, ${counts.filtered} filtered`;
}

function securityGroupRule(range: PortRange): string {
  return (
    `Add an inbound rule to the Nomad clients' security group allowing TCP ${rangeText(range)} from the users' network ` +
    "(the CIDR of your office or VPN), and check that the subnet's network ACL allows the same range in and ephemeral ports out."
  );
}

export function portsFilteredText(result: ProbeResult, range: PortRange, runtime: ContainerRuntime | null): FindingText {
  return {
    title: `Rerun ports ${rangeText(range)} are all filtered`,
    detail:
      `All ${plural(result.ports.length, "port")} probed on ${result.address} got no answer from the dashboard ` +
      `(${countsText(result.ports)}). A security group or NACL drops them, so \`ssh -p <port> ${result.address}\` hangs for users.`,
    remediation: `${securityGroupRule(range)}${runtimeNote(runtime)}`,
  };
}

export function portsPartiallyFilteredText(
  result: ProbeResult,
  filteredRuns: readonly PortRun[],
  range: PortRange,
  runtime: ContainerRuntime | null,
): FindingText {
  return {
    title: `Part of rerun ports ${rangeText(range)} is filtered`,
    detail:
      `${countPorts(result.ports).filtered} of ${plural(result.ports.length, "port")} on ${result.address} are filtered: ` +
      `${formatRanges(filteredRuns)}; in all ${countsText(result.ports)}. Jobs given a port in a filtered range cannot be reached.`,
    remediation: `Widen the rule to the whole range. ${securityGroupRule(range)}${runtimeNote(runtime)}`,
  };
}

function describeOpen(probe: PortProbe): string {
  return probe.banner ? `${probe.port} ("${escapeText(probe.banner, 80)}")` : `${probe.port}`;
}

export function jobListeningText(result: ProbeResult, open: readonly PortProbe[]): FindingText {
  const shown = open.slice(0, 10).map(describeOpen).join(", ");
  const more = open.length > 10 ? ` and ${open.length - 10} more` : "";
  return {
    title: `${plural(open.length, "rerun port")} open: SSH-rerun job running`,
    detail: `Open on ${result.address}: ${shown}${more}. A listening port in the rerun range is a job being rerun with SSH.`,
    remediation: "Nothing to change: the open port shows the path works from the dashboard's vantage.",
  };
}

export function portsNotProbedText(address: string, reason: string, range: PortRange): FindingText {
  return {
    title: "Rerun ports were not probed",
    detail: `The dashboard did not probe ${rangeText(range)} on ${address}: "${escapeText(reason)}".`,
    remediation:
      "If the address is yours, add its network to probe.allowCidrs in the inventory; otherwise check from the users' " +
      `network with \`nc -vz ${address} ${range.from}\` (closed or open is fine, a hang means filtered).`,
  };
}
