import { LAB_BLOCKED_CIDR, LAB_DOCKER_NETWORK } from "./host-scenarios";
import type { LabClient } from "./types";

/** `ip -batch` lines inside the namespace: a docker0 bridge on Docker's default network, as dockerd makes it. */
export function hostLinks(c: LabClient): string[] {
  if (!c.dockerBridge) return [];
  return [
    "link add docker0 type bridge",
    "link set dev docker0 addrgenmode none",
    `addr add ${LAB_DOCKER_NETWORK} dev docker0`,
    "link set dev docker0 up",
  ];
}

/** The client's own iptables rules, in the shapes Docker and server-terraform's boot script leave them. */
export function hostFirewallRules(c: LabClient): string[][] {
  if (c.hostFirewall === "input-drops-rerun") return [["-A", "INPUT", "-p", "tcp", "-m", "tcp", "--dport", "64535:65535", "-j", "DROP"]];
  if (c.hostFirewall !== "docker-user-blocked-users") return [];
  // server-terraform's "Securing Docker network interfaces": -I each rule, so the last inserted comes first.
  const insert = (iface: string, cidr: string) => ["-I", "DOCKER-USER", "-i", iface, "-d", cidr, "-j", "DROP"];
  return [
    ["-N", "DOCKER-USER"],
    ["-A", "DOCKER-USER", "-j", "RETURN"],
    ["-A", "FORWARD", "-j", "DOCKER-USER"],
    insert("docker+", "169.254.0.0/16"),
    insert("br+", "169.254.0.0/16"),
    insert("docker+", LAB_BLOCKED_CIDR),
    insert("br+", LAB_BLOCKED_CIDR),
  ];
}
