import { join } from "node:path";
import { stringify } from "yaml";
import { mapLimit, runOk } from "./exec";
import { namespaceBatch, writeCircleciDir } from "./net";
import { instanceIdFor, LAST_HOST, VETH_PREFIX, FIRST_HOST } from "./plan";
import { BRIDGE, DASHBOARD_IP, LAB_PREFIX, LAB_PUBLIC_CIDR, NS_PREFIX } from "./addresses";
import { keyTypeAndBlob, type InventoryPaths } from "./render";
import { BASE_SCENARIO } from "./scenario-base";
import type { LabClient, LabReach, ReachNode, ReachRole } from "./types";

/** Users reach machine-executor VMs on this port; Nomad clients reach VMs on 22 and 2376. */
export const VM_USER_PORT = 54782;
export const VM_DOCKER_PORT = 2376;
/** Ports of the services machine on Server 3.x and later (4647 Nomad RPC, 8585 output processor, 3000 VM service). */
export const SERVICES_PORTS = [4647, 8585, 3000] as const;
export const BLOCKED_SERVICES_PORT = 8585;

interface ReachSpec {
  readonly name: string;
  readonly role: ReachRole;
  readonly description: string;
}

/** In address order, after the lab's clients. The first client is the vantage's known-good target. */
export const WIDE_SPECS: readonly ReachSpec[] = [
  { name: "reach-healthy", role: "client", description: "healthy v1 client that reaches the services host and the VMs" },
  {
    name: "reach-vantage-filtered",
    role: "client",
    description: "drops the rerun range from office-vantage only (closed from the dashboard)",
  },
  { name: "reach-services-blocked", role: "client", description: "the services host drops its 8585 from this client" },
  { name: "reach-podman", role: "client", description: "sessions find podman and no docker" },
  { name: "office-vantage", role: "vantage", description: "a bastion in the users' office network, reached over SSH" },
  { name: "services", role: "services", description: "the services machine: 4647, 8585 and 3000 listen" },
  { name: "vm-open", role: "vm", description: "machine-executor VM: sshd on 22 and 54782, Docker on 2376" },
  { name: "vm-54782-blocked", role: "vm", description: "machine-executor VM whose 54782 is dropped (INPUT DROP)" },
];

function node(spec: ReachSpec, index: number, stateDir: string): LabClient {
  const x = FIRST_HOST + index - 1;
  const isClient = spec.role === "client";
  const b = BASE_SCENARIO;
  return {
    name: spec.name,
    scenario: `reach-${spec.role}`,
    description: spec.description,
    index,
    namespace: `${NS_PREFIX}${index}`,
    hostVeth: `${VETH_PREFIX}${index}`,
    privateIp: `${LAB_PREFIX}.${x}`,
    publicIp: isClient ? `${LAB_PREFIX}.${128 + x}` : null,
    override: null,
    imds: b.imds,
    metadataBlocked: false,
    firewall: "none",
    sshd: spec.role === "services" ? "none" : "running",
    sshdPid: null,
    rerunJobPort: spec.role === "vm" ? VM_USER_PORT : null,
    rerunJobPid: null,
    hostKeyChanged: false,
    authRefused: false,
    noCurl: false,
    forceCommand: null,
    imdsFault: null,
    overrideFillBytes: null,
    runtime: spec.name === "reach-podman" ? "podman" : null,
    instanceId: instanceIdFor(spec.name),
    availabilityZone: "us-east-1a",
    dir: join(stateDir, "reach", spec.name),
    expect: { verdict: "ok", codes: [] },
  };
}

/** Plans the reach namespaces right after `clientCount` clients (indices and addresses follow theirs). */
export function planReach(clientCount: number, stateDir: string): LabReach {
  const last = FIRST_HOST + clientCount + WIDE_SPECS.length - 1;
  if (last > LAST_HOST)
    throw new Error(
      `--reach needs ${WIDE_SPECS.length} more addresses: at most ${LAST_HOST - FIRST_HOST + 1 - WIDE_SPECS.length} clients fit with it, ` +
        `${clientCount} asked`,
    );
  const nodes = WIDE_SPECS.map((s, i) => node(s, clientCount + 1 + i, stateDir));
  const by = (name: string): LabClient => nodes.find((n) => n.name === name) as LabClient;
  const vantage = by("office-vantage");
  const blocked = by("reach-services-blocked");
  const rulesFor = (n: LabClient): string[][] => {
    if (n.name === "reach-vantage-filtered")
      return [["-A", "INPUT", "-s", vantage.privateIp, "-p", "tcp", "--dport", "64535:65535", "-j", "DROP"]];
    if (n.name === "services") {
      return [blocked.privateIp, blocked.publicIp ?? ""].map((src) => [
        "-A",
        "INPUT",
        "-s",
        src,
        "-p",
        "tcp",
        "--dport",
        String(BLOCKED_SERVICES_PORT),
        "-j",
        "DROP",
      ]);
    }
    if (n.name === "vm-54782-blocked") return [["-A", "INPUT", "-p", "tcp", "--dport", String(VM_USER_PORT), "-j", "DROP"]];
    return [];
  };
  const listenersFor = (n: LabClient, role: ReachRole): number[] =>
    role === "services" ? [...SERVICES_PORTS] : role === "vm" ? [VM_DOCKER_PORT] : [];
  return {
    inventoryFile: join(stateDir, "inventory-reach.yaml"),
    nodes: nodes.map((n, i) => ({
      role: (WIDE_SPECS[i] as ReachSpec).role,
      node: n,
      listeners: listenersFor(n, (WIDE_SPECS[i] as ReachSpec).role),
      rules: rulesFor(n),
    })),
    healthy: "reach-healthy",
    vantageFiltered: "reach-vantage-filtered",
    servicesBlocked: "reach-services-blocked",
    podman: "reach-podman",
    vantage: "office-vantage",
    services: "services",
    vmOpen: "vm-open",
    vmBlocked: "vm-54782-blocked",
  };
}

export const reachNode = (w: LabReach, name: string): LabClient => {
  const n = w.nodes.find((x) => x.node.name === name);
  if (!n) throw new Error(`the reach lab has no ${name}`);
  return n.node;
};

export const addressesOf = (c: LabClient): string[] => [c.privateIp, ...(c.publicIp ? [c.publicIp] : [])];

/** Every address the reach lab claims (for the safety rules). */
export function reachClaims(w: LabReach): string[] {
  return w.nodes.flatMap((n) => addressesOf(n.node));
}

/** Host side: namespace, veth on the bridge, /32 routes (the bridge and the catch-all exist already). */
export function reachHostBatch(w: LabReach): string {
  const lines: string[] = [];
  for (const { node: c } of w.nodes) {
    lines.push(
      `netns add ${c.namespace}`,
      `link add ${c.hostVeth} type veth peer name eth0 netns ${c.namespace}`,
      `link set dev ${c.hostVeth} addrgenmode none`,
      `link set dev ${c.hostVeth} master ${BRIDGE} up`,
    );
    for (const ip of addressesOf(c)) lines.push(`route add ${ip}/32 dev ${BRIDGE} src ${DASHBOARD_IP}`);
  }
  return lines.join("\n") + "\n";
}

/** Inside one reach namespace: the client batch, plus a /32 route to every other reach namespace's addresses. No default route. */
export function reachNamespaceBatch(w: LabReach, self: ReachNode): string {
  const peers = w.nodes.filter((n) => n.node.name !== self.node.name).flatMap((n) => addressesOf(n.node));
  return namespaceBatch(self.node) + peers.map((ip) => `route add ${ip}/32 dev eth0`).join("\n") + (peers.length ? "\n" : "");
}

export async function buildReachNetwork(w: LabReach): Promise<void> {
  await runOk("ip", ["-batch", "-"], { input: reachHostBatch(w), timeoutMs: 60_000 });
  await mapLimit(w.nodes, 8, async (n) => {
    await runOk("ip", ["-n", n.node.namespace, "-batch", "-"], { input: reachNamespaceBatch(w, n) });
    for (const rule of n.rules) await runOk("ip", ["netns", "exec", n.node.namespace, "iptables", "-w", "5", ...rule]);
    writeCircleciDir(n.node);
  });
}

/** known_hosts lines for every reach sshd: each address, and `[address]:54782` for the VMs' second sshd. */
export function renderReachKnownHosts(w: LabReach, keyFor: (c: LabClient) => string): string {
  const lines: string[] = [];
  for (const { node: c } of w.nodes) {
    if (c.sshd !== "running") continue;
    const key = keyTypeAndBlob(keyFor(c));
    for (const ip of addressesOf(c)) lines.push(`${ip} ${key}`);
    if (c.rerunJobPort !== null) lines.push(`[${c.privateIp}]:${c.rerunJobPort} ${key}`);
  }
  return lines.join("\n") + (lines.length ? "\n" : "");
}

/**
 * The reach inventory: the lab's ssh and probe settings, the reach clients, a vantage, the services
 * host and two VMs. No rerun.ports, so a Podman client is probed on its own range (32768-60999).
 */
export function renderReachInventory(w: LabReach, paths: InventoryPaths): string {
  const clients = w.nodes.filter((n) => n.role === "client").map((n) => n.node);
  const vantage = reachNode(w, w.vantage);
  const doc = {
    ssh: { user: "root", identityFile: paths.identityFile, knownHostsFile: paths.knownHostsFile, hostKeyPolicy: "strict" },
    probe: { allowCidrs: [LAB_PUBLIC_CIDR] },
    clients: clients.map((c) => ({ name: c.name, host: c.privateIp, port: 22, ...(c.runtime === "podman" ? { runtime: "podman" } : {}) })),
    vantages: [{ name: vantage.name, host: vantage.privateIp, port: 22 }],
    services: { host: reachNode(w, w.services).privateIp },
    machines: [w.vmOpen, w.vmBlocked].map((name) => ({ name, host: reachNode(w, name).privateIp })),
  };
  return `# Written by \`npm run lab -- up --reach\`: clients, a vantage, the services host and VMs.\n${stringify(doc)}`;
}
