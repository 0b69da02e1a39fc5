import { closeSync, mkdirSync, openSync, utimesSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { mapLimit, run, runOk } from "./exec";
import { BRIDGE, DASHBOARD_IP, LAB_CIDR } from "./addresses";
import { hostFirewallRules, hostLinks, hostNftRuleset, writeNomadTls } from "./host-net";
import type { LabClient } from "./types";

export const METADATA_IP = "169.254.169.254";
export const NETNS_ETC = "/etc/netns";
const BEFORE_ANY_BOOT = new Date("2001-01-01T00:00:00Z");

/** Host side, for `ip -batch`: bridge, the unreachable catch-all, one veth and /32 routes per client. */
export function hostBatch(clients: readonly LabClient[]): string {
  const lines = [
    `link add ${BRIDGE} type bridge`,
    `link set dev ${BRIDGE} addrgenmode none`,
    `addr add ${DASHBOARD_IP}/32 dev ${BRIDGE}`,
    `link set dev ${BRIDGE} up`,
    `route add unreachable ${LAB_CIDR}`,
  ];
  for (const c of clients) {
    lines.push(
      `netns add ${c.namespace}`,
      `link add ${c.hostVeth} type veth peer name eth0 netns ${c.namespace}`,
      `link set dev ${c.hostVeth} addrgenmode none`,
      `link set dev ${c.hostVeth} master ${BRIDGE} up`,
    );
    for (const ip of [c.privateIp, c.publicIp]) if (ip) lines.push(`route add ${ip}/32 dev ${BRIDGE} src ${DASHBOARD_IP}`);
  }
  return lines.join("\n") + "\n";
}

/** Inside a namespace, for `ip -n NS -batch`: metadata on lo, addresses on eth0, one route to the dashboard. */
export function namespaceBatch(c: LabClient): string {
  const lines = [
    "link set dev lo up",
    `addr add ${METADATA_IP}/32 dev lo`,
    "link set dev eth0 addrgenmode none",
    `addr add ${c.privateIp}/32 dev eth0`,
  ];
  if (c.publicIp) lines.push(`addr add ${c.publicIp}/32 dev eth0`);
  lines.push("link set dev eth0 up", `route add ${DASHBOARD_IP}/32 dev eth0`, ...hostLinks(c));
  return lines.join("\n") + "\n";
}

/** iptables argument lists for a client's blocked metadata and security group. */
export function iptablesRules(c: LabClient): string[][] {
  const rules: string[][] = [];
  if (c.metadataBlocked) rules.push(["-A", "INPUT", "-d", METADATA_IP, "-p", "tcp", "--dport", "80", "-j", "DROP"]);
  // A security group sits outside the instance: raw PREROUTING, not the filter chains the client's own firewall check reads.
  if (c.firewall === "drop-rerun-range") rules.push(["-t", "raw", "-A", "PREROUTING", "-p", "tcp", "--dport", "64535:65535", "-j", "DROP"]);
  if (c.firewall === "drop-rerun-part") rules.push(["-t", "raw", "-A", "PREROUTING", "-p", "tcp", "--dport", "65036:65535", "-j", "DROP"]);
  return [...rules, ...hostFirewallRules(c)];
}

/** /etc/netns/NS/circleci always exists so the host's /etc/circleci never shows through. */
export function writeCircleciDir(c: LabClient): void {
  const dir = join(NETNS_ETC, c.namespace, "circleci");
  mkdirSync(dir, { recursive: true });
  if (c.override !== null) writeFileSync(join(dir, "public-ipv4"), c.override);
  // Older than any boot of this machine: /proc/stat's btime is the host's in every namespace.
  if (c.override !== null && c.overrideBeforeBoot) utimesSync(join(dir, "public-ipv4"), BEFORE_ANY_BOOT, BEFORE_ANY_BOOT);
  if (c.overrideFillBytes) writeFiller(join(dir, "public-ipv4"), c.overrideFillBytes);
}

/** Filler lines written in 1 MB chunks, so a 50 MB override never sits in memory whole. */
function writeFiller(file: string, bytes: number): void {
  const chunk = Buffer.alloc(1024 * 1024, "198.51.100.200 filler\n");
  const fd = openSync(file, "w");
  try {
    for (let left = bytes; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  } finally {
    closeSync(fd);
  }
}

export async function buildNetwork(clients: readonly LabClient[]): Promise<void> {
  await runOk("ip", ["-batch", "-"], { input: hostBatch(clients), timeoutMs: 60_000 });
  await mapLimit(clients, 8, async (c) => {
    await runOk("ip", ["-n", c.namespace, "-batch", "-"], { input: namespaceBatch(c) });
    for (const rule of iptablesRules(c)) await runOk("ip", ["netns", "exec", c.namespace, "iptables", "-w", "5", ...rule]);
    const nft = hostNftRuleset(c);
    if (nft) await runOk("ip", ["netns", "exec", c.namespace, "nft", "-f", "-"], { input: nft });
    writeCircleciDir(c);
    await writeNomadTls(c, NETNS_ETC);
  });
}

/** Names of lab namespaces and host veths that exist now (found by name, not by state). */
export async function listLabNamespaces(): Promise<string[]> {
  const out = (await run("ip", ["netns", "list"])).stdout;
  return out
    .split("\n")
    .map((l) => l.split(/\s+/)[0] ?? "")
    .filter((n) => /^rdlab-\d+$/.test(n));
}

export async function listLabLinks(): Promise<string[]> {
  const out = (await run("ip", ["-o", "link", "show"])).stdout;
  return out
    .split("\n")
    .map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1] ?? "")
    .filter((n) => n === BRIDGE || /^rdlv\d+$/.test(n));
}
