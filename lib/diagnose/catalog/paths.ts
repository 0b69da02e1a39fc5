import { escapeText } from "../../common/escape";
import { formatRanges, rangeText, toRuns, type PortRange } from "../../common/ports";
import type { PathScan } from "../../probe/via-types";
import type { ClientPath } from "../reach-types";
import { entry, type CatalogPart } from "./entry";
import { listNames, plural } from "./words";

const answer = (path: ClientPath) => `${path.probe.state} (${path.probe.reason})`;
const portWords = (path: ClientPath) => `${path.port} (${path.purpose})`;
const sampledNote = (scan: PathScan): string =>
  scan.probes.length < scan.rangeSize ? ` (${scan.probes.length} of ${scan.rangeSize} ports sampled evenly)` : "";

function byVm(failing: readonly ClientPath[]): string[] {
  const groups = new Map<string, ClientPath[]>();
  for (const path of failing) groups.set(path.target, [...(groups.get(path.target) ?? []), path]);
  return [...groups].map(
    ([vm, paths]) =>
      `${escapeText(vm, 64)} (${escapeText(paths[0]!.host, 64)}): ${paths.map((p) => `${portWords(p)} ${answer(p)}`).join(", ")}`,
  );
}

/** `dashboardFiltered` null: the dashboard did not probe this client. */
type VantageSeen = { vantage: string; scan: PathScan; range: PortRange; dashboardFiltered: number | null };

function fromDashboard(dashboardFiltered: number | null): string {
  if (dashboardFiltered === null) return "";
  return dashboardFiltered === 0 ? "; they work from the dashboard's network" : "; they fail from the dashboard's network too";
}

export const PATH_ENTRIES = {
  RERUN_PORTS_FILTERED_FROM_VANTAGE: entry({
    check: "the rerun range answers from each vantage (users' networks reached over SSH)",
    severities: ["error"],
    arrows: ["rerun-ports"],
    cause: "the rerun ports are dropped from a vantage's network",
    arrowCause: "dropped from a users' network (vantage)",
    text: ({ vantage, scan, range, dashboardFiltered }: VantageSeen) => {
      const name = escapeText(vantage, 64);
      const filtered = toRuns(scan.probes).filter((r) => r.state === "filtered");
      const all = scan.counts.filtered === scan.probes.length;
      return {
        title: `Reruns fail for users behind ${name}: ${all ? "all" : "part"} of ${rangeText(range)} filtered from there`,
        detail:
          `From ${name}, ${scan.counts.filtered} of ${plural(scan.probes.length, "port")} probed on ${scan.address}${sampledNote(scan)} ` +
          `got no answer: ` +
          `${formatRanges(filtered)} (${scan.counts.open} open, ${scan.counts.closed} closed). Reruns fail for users behind ` +
          `${name}${fromDashboard(dashboardFiltered)}.`,
        remediation:
          `Allow TCP ${rangeText(range)} into the Nomad clients' security group from the network ${name} stands for (its office or VPN ` +
          `CIDR, or its ` +
          "NAT gateway's address), and check the network ACLs and any firewall between that network and the clients.",
      };
    },
  }),
  VANTAGE_UNUSABLE: entry({
    check: "each vantage logs in, forwards TCP and reaches a known-good target before anything seen from it counts",
    severities: ["warning"],
    arrows: [],
    cause: "a vantage is unusable",
    arrowCause: "a vantage is unusable",
    text: ({ vantage, host, reason }: { vantage: string; host: string; reason: string }) => ({
      title: `Vantage ${escapeText(vantage, 64)} is unusable; its results are left out of every verdict`,
      detail:
        `Vantage ${escapeText(vantage, 64)} (${escapeText(host, 64)}): ${escapeText(reason)}. A vantage that fails its own check ` +
        `would paint every client red, so nothing seen from it counts.`,
      remediation:
        "Check that the dashboard's key logs in to the vantage, that its sshd allows TCP forwarding (AllowTcpForwarding yes), and that " +
        "it reaches " +
        "the known-good target; when the vantage cannot reach the clients' SSH addresses by design, set check: { host, port } on it to a " +
        "target it should reach.",
    }),
  }),
  SERVICES_UNREACHABLE: entry({
    check: "each client reaches the services machine on 4647, 8585 and 3000 (7171 and 3001 before Server 3)",
    severities: ["error"],
    arrows: ["services"],
    cause: "the client cannot reach the services machine",
    arrowCause: "services ports do not answer",
    text: ({ client, failing }: { client: string; failing: readonly ClientPath[] }) => ({
      title: `Services machine unreachable from this client on ${listNames(failing.map(portWords))}`,
      detail:
        `From ${escapeText(client, 64)}, ${escapeText(failing[0]?.host ?? "the services host", 64)}: ` +
        `${failing.map((p) => `${portWords(p)} ${answer(p)}`).join("; ")}. ` +
        "A Nomad client that cannot reach these ports does not get jobs scheduled, stream output or start VMs, reruns included.",
      remediation:
        `Allow TCP ${listNames(failing.map((p) => String(p.port)))} from the Nomad clients' security group into the services machine's ` +
        "(load balancer's) security group, and check the subnets' network ACLs and any host firewall in between.",
    }),
  }),
  VM_UNREACHABLE_FROM_CLIENT: entry({
    check: "each client reaches the machine-job VMs on 22 and 2376",
    severities: ["error"],
    arrows: ["vm-from-client"],
    cause: "the client cannot reach a machine-job VM",
    arrowCause: "VMs do not answer on 22 or 2376",
    text: ({ client, failing }: { client: string; failing: readonly ClientPath[] }) => ({
      title: `Machine-job VMs unreachable from this client on ${listNames([...new Set(failing.map((p) => String(p.port)))])}`,
      detail:
        `From ${escapeText(client, 64)}: ${byVm(failing).join("; ")}. Nomad clients drive machine jobs over 22 (SSH) and 2376 ` +
        `(Docker), so machine jobs and their reruns fail.`,
      remediation:
        "Allow TCP 22 and 2376 from the Nomad clients' security group into the VMs' security group (the one the VM service launches them " +
        "with).",
    }),
  }),
  PATHS_NOT_MEASURED: entry({
    check: "the client's sshd lets the dashboard probe those paths from the client (TCP forwarding)",
    severities: ["info"],
    arrows: ["vm-from-client", "services"],
    cause: "services and VM paths could not be measured",
    arrowCause: "the client's sshd refuses forwarding",
    text: ({ reason }: { reason: string }) => ({
      title: "Services and VM paths were not measured from this client",
      detail: `The paths to the services machine and the VMs could not be probed: ${escapeText(reason)}.`,
      remediation:
        "Allow TCP forwarding for the dashboard's user on the client's sshd (AllowTcpForwarding yes), or check those paths by hand with " +
        "`nc -vz <host> <port>` on the client.",
    }),
  }),
  VM_PORT_54782_FILTERED: entry({
    check: "users reach each machine-job VM on 54782, from the dashboard and every vantage",
    severities: ["error"],
    arrows: ["machine"],
    cause: "users cannot reach a machine-job VM on 54782",
    arrowCause: "54782 dropped for users",
    text: ({ machine, host, sources }: { machine: string; host: string; sources: readonly string[] }) => {
      const from = listNames(sources.map((s) => (s === "dashboard" ? "the dashboard" : escapeText(s, 64))));
      return {
        title: `Users cannot reach machine-job VM ${escapeText(machine, 64)} on 54782 from ${from}`,
        detail:
          `Port 54782 on ${escapeText(host, 64)} got no answer from ${from}. Users SSH into machine-job reruns on that port, so ` +
          `those reruns hang for them.`,
        remediation:
          "Allow TCP 54782 from the users' network into the VMs' security group; if the VMs get private IPs only, users need a VPN into " +
          "that network " +
          "or the VM service must assign public IPs.",
      };
    },
  }),
} satisfies CatalogPart;
