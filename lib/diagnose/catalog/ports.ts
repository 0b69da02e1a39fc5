import { clip, escapeText } from "../../common/escape";
import { formatRanges, rangeText, type PortRange, type PortRun } from "../../common/ports";
import type { PortProbe, ProbeResult } from "../../probe/types";
import { entry, type CatalogPart } from "./entry";
import { hostArg, plural } from "./words";

/** `podman`: the Podman range to open as well, when the client runs Podman and was probed elsewhere. */
type Probed = { result: ProbeResult; range: PortRange; podman: PortRange | null };

function runtimeNote(podman: PortRange | null): string {
  return podman ? ` This client runs jobs with Podman, whose rerun ports are ${rangeText(podman)}: open that range too.` : "";
}

const probed = (result: ProbeResult): number => result.counts.open + result.counts.closed + result.counts.filtered;
const countsText = ({ counts }: ProbeResult): string => `${counts.open} open, ${counts.closed} closed, ${counts.filtered} filtered`;

function securityGroupRule(range: PortRange): string {
  return (
    `Add an inbound rule to the Nomad clients' security group allowing TCP ${rangeText(range)} from the users' network ` +
    "(the CIDR of your office or VPN), and check that the subnet's network ACL allows the same range in and ephemeral ports out."
  );
}

// Banners were escaped when read (lib/probe/connect.ts): only cut here.
const describeOpen = (probe: PortProbe): string => (probe.banner ? `${probe.port} ("${clip(probe.banner, 80)}")` : `${probe.port}`);

export const PORT_ENTRIES = {
  RERUN_PORTS_FILTERED: entry({
    check: "the rerun range answers (closed or open) on the advertised address from the dashboard",
    severities: ["error"],
    arrows: ["rerun-ports"],
    cause: "the rerun ports are dropped from this network",
    arrowCause: "security group drops the range",
    text: ({ result, range, podman }: Probed) => ({
      title: `Rerun ports ${rangeText(range)} are all filtered`,
      detail:
        `All ${plural(probed(result), "port")} probed on ${result.address} got no answer from the dashboard ` +
        `(${countsText(result)}). A security group or NACL drops them, so \`ssh -p <port> ${result.address}\` hangs for users.`,
      remediation: `${securityGroupRule(range)}${runtimeNote(podman)}`,
    }),
  }),
  RERUN_PORTS_PARTIALLY_FILTERED: entry({
    check: "no part of the rerun range is dropped (the detail names the filtered ranges)",
    severities: ["error"],
    arrows: ["rerun-ports"],
    cause: "part of the rerun range is dropped from this network",
    arrowCause: "security group drops part of the range",
    text: ({ result, range, podman, filteredRuns }: Probed & { filteredRuns: readonly PortRun[] }) => ({
      title: `Part of rerun ports ${rangeText(range)} is filtered`,
      detail:
        `${result.counts.filtered} of ${plural(probed(result), "port")} on ${result.address} are filtered: ` +
        `${formatRanges(filteredRuns)}; in all ${countsText(result)}. Jobs given a port in a filtered range cannot be reached.`,
      remediation: `Widen the rule to the whole range. ${securityGroupRule(range)}${runtimeNote(podman)}`,
    }),
  }),
  RERUN_PORTS_NOT_PROBED: entry({
    check: "the advertised address may be probed (the inventory or the client's own addresses vouch for it)",
    severities: ["warning"],
    arrows: [],
    cause: "the advertised IP was not probed",
    arrowCause: "the advertised IP was not probed",
    text: ({ address, reason, range }: { address: string; reason: string; range: PortRange }) => ({
      title: "Rerun ports were not probed",
      detail: `The dashboard did not probe ${rangeText(range)} on ${escapeText(address, 64)}: "${escapeText(reason)}".`,
      remediation:
        "If the address is yours, add its network to probe.allowCidrs in the inventory; otherwise check from the users' " +
        `network with \`nc -vz ${hostArg(address)} ${range.from}\` (closed or open is fine, a hang means filtered).`,
    }),
  }),
  RERUN_JOB_LISTENING: entry({
    check: "open rerun ports: an SSH-rerun job is running there (with its banner)",
    severities: ["info"],
    arrows: [],
    cause: "an SSH-rerun job is running",
    arrowCause: "an SSH-rerun job is running",
    text: ({ result, open }: { result: ProbeResult; open: readonly PortProbe[] }) => {
      const shown = open.slice(0, 10).map(describeOpen).join(", ");
      const more = open.length > 10 ? ` and ${open.length - 10} more` : "";
      return {
        title: `${plural(open.length, "rerun port")} open: SSH-rerun job running`,
        detail: `Open on ${result.address}: ${shown}${more}. A listening port in the rerun range is a job being rerun with SSH.`,
        remediation: "Nothing to change: the open port shows the path works from the dashboard's vantage.",
      };
    },
  }),
  RERUN_RANGE_MISMATCH: entry({
    check: "a client that reports Podman is probed on Podman's ports (the inventory says which clients run Podman)",
    severities: ["warning"],
    arrows: ["rerun-ports"],
    cause: "the rerun range misses the container runtime's ports",
    arrowCause: "Podman client probed on the wrong range",
    text: ({ configured, podman, explicit }: { configured: PortRange; podman: PortRange; explicit: boolean }) => ({
      title: `Client runs Podman: reruns use ${rangeText(podman)}, not ${rangeText(configured)}`,
      detail:
        `This client reports Podman, which publishes rerun ports on ${rangeText(podman)}, but the range probed is ` +
        `${rangeText(configured)} (${explicit ? "rerun.ports in the inventory" : "the inventory does not say this client runs Podman"}). ` +
        "Whether users can reach reruns on this client was not measured, and a security group that opens only " +
        `${rangeText(configured)} blocks them.`,
      remediation:
        `Open TCP ${rangeText(podman)} from the users' network to this client (server-terraform's use_podman opens 32768–65535), and ` +
        (explicit
          ? `drop rerun.ports from the inventory (or set it to ${rangeText(podman)}) so Podman clients are probed on their own range.`
          : "set runtime: podman on this client in the inventory so it is probed on its own range."),
    }),
  }),
} satisfies CatalogPart;
