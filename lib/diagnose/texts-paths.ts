import type { PortRange } from "../common/ports";
import { escapeText } from "../common/escape";
import { listNames, rangeText, type FindingText } from "./texts-common";
import type { ClientPath } from "./wide-types";

const answer = (path: ClientPath) => (path.probe.state === "filtered" ? `filtered (${path.probe.reason})` : `${path.probe.state} (${path.probe.reason})`);
const portWords = (path: ClientPath) => `${path.port} (${path.purpose})`;

export function servicesUnreachableText(client: string, failing: readonly ClientPath[]): FindingText {
  const host = failing[0]?.host ?? "the services host";
  return {
    title: `Services machine unreachable from this client on ${listNames(failing.map(portWords))}`,
    detail:
      `From ${escapeText(client, 64)}, ${escapeText(host, 64)}: ${failing.map((p) => `${portWords(p)} ${answer(p)}`).join("; ")}. ` +
      "A Nomad client that cannot reach these ports does not get jobs scheduled, stream output or start VMs, reruns included.",
    remediation:
      `Allow TCP ${listNames(failing.map((p) => String(p.port)))} from the Nomad clients' security group into the services machine's ` +
      "(load balancer's) security group, and check the subnets' network ACLs and any host firewall in between.",
  };
}

export function vmUnreachableText(client: string, failing: readonly ClientPath[]): FindingText {
  const byVm = new Map<string, ClientPath[]>();
  for (const path of failing) byVm.set(path.target, [...(byVm.get(path.target) ?? []), path]);
  const parts = [...byVm].map(([vm, paths]) => `${escapeText(vm, 64)} (${escapeText(paths[0]!.host, 64)}): ${paths.map((p) => `${portWords(p)} ${answer(p)}`).join(", ")}`);
  return {
    title: `Machine-job VMs unreachable from this client on ${listNames([...new Set(failing.map((p) => String(p.port)))])}`,
    detail: `From ${escapeText(client, 64)}: ${parts.join("; ")}. Nomad clients drive machine jobs over 22 (SSH) and 2376 (Docker), so machine jobs and their reruns fail.`,
    remediation: "Allow TCP 22 and 2376 from the Nomad clients' security group into the VMs' security group (the one the VM service launches them with).",
  };
}

export function pathsNotMeasuredText(reason: string): FindingText {
  return {
    title: "Services and VM paths were not measured from this client",
    detail: `The paths to the services machine and the VMs could not be probed: ${escapeText(reason)}.`,
    remediation: "Allow TCP forwarding for the dashboard's user on the client's sshd (AllowTcpForwarding yes), or check those paths by hand with `nc -vz <host> <port>` on the client.",
  };
}

export function rangeMismatchText(configured: PortRange, runtimePorts: PortRange): FindingText {
  return {
    title: `Client runs Podman: reruns use ${rangeText(runtimePorts)}, not ${rangeText(configured)}`,
    detail:
      `This client runs jobs with Podman, which publishes rerun ports on ${rangeText(runtimePorts)}, but the range probed (rerun.ports in the ` +
      `inventory) is ${rangeText(configured)}. Whether users can reach reruns on this client was not measured, and a security group that opens only ` +
      `${rangeText(configured)} blocks them.`,
    remediation: `Open TCP ${rangeText(runtimePorts)} from the users' network to this client, and drop rerun.ports from the inventory (or set it to ${rangeText(runtimePorts)}) so Podman clients are probed on their own range.`,
  };
}
