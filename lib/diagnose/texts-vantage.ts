import type { PortRange } from "../common/ports";
import type { PathScan } from "../probe/via-types";
import { escapeText } from "../common/escape";
import { formatRanges, toRuns } from "../common/ports";
import { listNames, plural, rangeText, type FindingText } from "./texts-common";

function sampledNote(scan: PathScan): string {
  return scan.probes.length < scan.rangeSize ? ` (${scan.probes.length} of ${scan.rangeSize} ports sampled evenly)` : "";
}

/** `dashboardFiltered` null: the dashboard did not probe this client. */
export function vantageFilteredText(vantage: string, scan: PathScan, range: PortRange, dashboardFiltered: number | null): FindingText {
  const name = escapeText(vantage, 64);
  const filtered = toRuns(scan.probes).filter((r) => r.state === "filtered");
  const all = scan.counts.filtered === scan.probes.length;
  const here =
    dashboardFiltered === null ? "" : dashboardFiltered === 0 ? "; they work from the dashboard's network" : "; they fail from the dashboard's network too";
  return {
    title: `Reruns fail for users behind ${name}: ${all ? "all" : "part"} of ${rangeText(range)} filtered from there`,
    detail:
      `From ${name}, ${scan.counts.filtered} of ${plural(scan.probes.length, "port")} probed on ${scan.address}${sampledNote(scan)} got no answer: ` +
      `${formatRanges(filtered)} (${scan.counts.open} open, ${scan.counts.closed} closed). Reruns fail for users behind ${name}${here}.`,
    remediation:
      `Allow TCP ${rangeText(range)} into the Nomad clients' security group from the network ${name} stands for (its office or VPN CIDR, or its ` +
      "NAT gateway's address), and check the network ACLs and any firewall between that network and the clients.",
  };
}

export function vantageUnusableText(vantage: string, host: string, reason: string): FindingText {
  return {
    title: `Vantage ${escapeText(vantage, 64)} is unusable; its results are left out of every verdict`,
    detail: `Vantage ${escapeText(vantage, 64)} (${escapeText(host, 64)}): ${escapeText(reason)}. A vantage that fails its own check would paint every client red, so nothing seen from it counts.`,
    remediation:
      "Check that the dashboard's key logs in to the vantage, that its sshd allows TCP forwarding (AllowTcpForwarding yes), and that it reaches " +
      "the known-good target; when the vantage cannot reach the clients' SSH addresses by design, set check: { host, port } on it to a target it should reach.",
  };
}

export function vm54782FilteredText(machine: string, host: string, sources: readonly string[]): FindingText {
  const from = listNames(sources.map((s) => (s === "dashboard" ? "the dashboard" : escapeText(s, 64))));
  return {
    title: `Users cannot reach machine-job VM ${escapeText(machine, 64)} on 54782 from ${from}`,
    detail: `Port 54782 on ${escapeText(host, 64)} got no answer from ${from}. Users SSH into machine-job reruns on that port, so those reruns hang for them.`,
    remediation:
      "Allow TCP 54782 from the users' network into the VMs' security group; if the VMs get private IPs only, users need a VPN into that network " +
      "or the VM service must assign public IPs.",
  };
}
