import type { Env } from "./expand";
import { cleartextRefusal } from "./nomad-address";
import { listNomadNodes, nodeFromStub, nomadClient, NomadError, readNomadNodes, type NomadNode } from "./nomad-api";
import type { NomadNodeStub } from "./nomad-schema";
import { addressRefusal, fingerprintRefusal, ownAddresses, type NodePolicy } from "./nomad-screen";
import { isHost } from "./schema";
import type { DiscoveredNode, Inventory, NomadDiscovery, Target } from "./types";

function statusReason(node: NomadNodeStub): string | null {
  if (!isHost(node.Address)) return `Nomad reports an address that is not a host (${JSON.stringify(node.Address.slice(0, 64))})`;
  if (node.Status !== "ready") return `node is ${node.Status}`;
  if (node.Drain) return "node is draining";
  if (node.SchedulingEligibility !== "eligible") return `node is ${node.SchedulingEligibility} for scheduling`;
  return null;
}

interface Planned {
  readonly stub: NomadNodeStub;
  /** Why not inspected, as far as the listing tells; a node at an inventory client's address is that client. */
  readonly skipped: string | null;
  readonly ofInventory: boolean;
}

/** From the listing alone: what to skip, and the cap, so that refused and excess nodes are never read. */
function plan(inventory: Inventory, stubs: readonly NomadNodeStub[], policy: NodePolicy, maxNodes: number): Planned[] {
  const hosts = new Set(inventory.clients.map((t) => t.host.toLowerCase()));
  let taken = 0;
  return stubs.map((stub) => {
    const ofInventory = hosts.has(stub.Address.toLowerCase());
    let skipped = statusReason(stub);
    if (skipped === null && !ofInventory) skipped = addressRefusal(stub.Address, policy);
    if (skipped === null && !ofInventory && ++taken > maxNodes) skipped = `beyond nomad.maxNodes (${maxNodes}): not inspected`;
    return { stub, skipped, ofInventory };
  });
}

function fingerprint(node: NomadNode): Target["nomad"] {
  return { id: node.id, name: node.name, publicIpv4: node.publicIpv4, localIpv4: node.localIpv4, instanceId: node.instanceId };
}

/** Static clients plus the accepted Nomad nodes; a node at a static client's address is that client. */
function mergeTargets(
  inventory: Inventory,
  planned: readonly Planned[],
  read: ReadonlyMap<string, NomadNode>,
  policy: NodePolicy,
): { targets: Target[]; listed: DiscoveredNode[] } {
  const targets = [...inventory.clients];
  const byHost = new Map(targets.map((t, i) => [t.host.toLowerCase(), i]));
  const names = new Set(targets.map((t) => t.name));
  const listed: DiscoveredNode[] = [];
  for (const { stub, skipped: early } of planned) {
    const node = read.get(stub.ID);
    const index = byHost.get(stub.Address.toLowerCase());
    const skipped = early ?? (index === undefined && node ? fingerprintRefusal(node, policy) : null);
    listed.push({
      name: stub.Name,
      address: stub.Address,
      status: stub.Status,
      drain: stub.Drain,
      eligibility: stub.SchedulingEligibility,
      skipped,
      inventoryName: index === undefined ? null : targets[index]!.name,
    });
    if (index !== undefined && node) targets[index] = { ...targets[index]!, nomad: fingerprint(node) };
    if (skipped !== null || index !== undefined || !node) continue;
    const name = names.has(node.name) ? `${node.name}-${node.id.slice(0, 8)}` : node.name;
    names.add(name);
    byHost.set(node.address.toLowerCase(), targets.length);
    targets.push({ name, host: node.address, port: 22, user: inventory.ssh.user, source: "nomad", nomad: fingerprint(node) });
  }
  return { targets, listed };
}

export interface DiscoveryOptions {
  /** Each request, and the whole discovery: a slow Nomad delays a run by at most `deadlineMs`. */
  readonly requestMs?: number;
  readonly deadlineMs?: number;
  /** The dashboard's own addresses; default: this machine's interfaces. */
  readonly own?: ReadonlySet<string>;
}
const REQUEST_MS = 5000;
const DEADLINE_MS = 60_000;

/** Who to inspect: Nomad unreachable, refusing or too slow is reported, and the static clients still run. */
export async function resolveTargets(
  inventory: Inventory,
  env: Env,
  signal?: AbortSignal,
  options: DiscoveryOptions = {},
): Promise<{ targets: Target[]; nomad: NomadDiscovery | null }> {
  const settings = inventory.nomad;
  // Without a server address, discovery goes through a client's agent over SSH: the engine's part (nomad-via.ts).
  if (!settings?.address) return { targets: [...inventory.clients], nomad: null };
  const address = settings.address;
  const refused = cleartextRefusal(address);
  if (refused) return { targets: [...inventory.clients], nomad: { address, error: refused, nodes: [] } };
  const deadlineMs = options.deadlineMs ?? DEADLINE_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const client = nomadClient(
    { ...settings, address },
    env,
    options.requestMs ?? REQUEST_MS,
    signal ? AbortSignal.any([deadline, signal]) : deadline,
  );
  const policy: NodePolicy = { allowCidrs: settings.allowCidrs, own: options.own ?? ownAddresses() };
  try {
    const planned = plan(inventory, await listNomadNodes(client), policy, settings.maxNodes);
    const wanted = planned.filter((p) => p.skipped === null || p.ofInventory).map((p) => p.stub);
    const read = new Map((await readNomadNodes(client, wanted)).map((node) => [node.id, node]));
    const { targets, listed } = mergeTargets(inventory, planned, read, policy);
    return { targets, nomad: { address, error: null, nodes: listed } };
  } catch (error) {
    if (!(error instanceof NomadError)) throw error;
    const message = deadline.aborted ? `Nomad discovery did not finish within ${deadlineMs} ms: ${error.message}` : error.message;
    return { targets: [...inventory.clients], nomad: { address, error: message, nodes: [] } };
  }
}

/**
 * `nomad.via`: a listing read through one client's local agent. It is that client's word, with no
 * per-node record to hold an address against: nomad.allowCidrs alone decides what is inspected.
 */
export function screenListing(
  inventory: Inventory,
  stubs: readonly NomadNodeStub[],
  own: ReadonlySet<string>,
): { targets: Target[]; listed: DiscoveredNode[] } {
  const settings = inventory.nomad;
  const policy: NodePolicy = { allowCidrs: settings?.allowCidrs ?? [], own };
  const planned = plan(inventory, stubs, policy, settings?.maxNodes ?? 500);
  const read = new Map<string, NomadNode>(planned.map(({ stub }) => [stub.ID, nodeFromStub(stub)]));
  return mergeTargets(inventory, planned, read, policy);
}

export { ownAddresses };
