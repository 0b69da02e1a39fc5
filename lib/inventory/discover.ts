import type { Env } from "./expand";
import { listNomadNodes, nomadClient, NomadError, readNomadNodes, type NomadNode } from "./nomad-api";
import { isHost } from "./schema";
import type { DiscoveredNode, Inventory, NomadDiscovery, Target } from "./types";

function skipReason(node: NomadNode): string | null {
  if (!isHost(node.address)) return `Nomad reports an address that is not a host (${JSON.stringify(node.address.slice(0, 64))})`;
  if (node.status !== "ready") return `node is ${node.status}`;
  if (node.drain) return "node is draining";
  if (node.eligibility !== "eligible") return `node is ${node.eligibility} for scheduling`;
  return null;
}

function fingerprint(node: NomadNode): Target["nomad"] {
  return { id: node.id, name: node.name, publicIpv4: node.publicIpv4, localIpv4: node.localIpv4, instanceId: node.instanceId };
}

/** Static clients plus the ready, eligible Nomad nodes; a node at a static client's address is that client. */
export function mergeTargets(inventory: Inventory, nodes: readonly NomadNode[]): { targets: Target[]; listed: DiscoveredNode[] } {
  const targets = [...inventory.clients];
  const byHost = new Map(targets.map((t, i) => [t.host.toLowerCase(), i]));
  const names = new Set(targets.map((t) => t.name));
  const listed: DiscoveredNode[] = [];
  for (const node of nodes) {
    const skipped = skipReason(node);
    const index = byHost.get(node.address.toLowerCase());
    listed.push({
      name: node.name,
      address: node.address,
      status: node.status,
      drain: node.drain,
      eligibility: node.eligibility,
      skipped,
      inventoryName: index === undefined ? null : targets[index]!.name,
    });
    if (index !== undefined) targets[index] = { ...targets[index]!, nomad: fingerprint(node) };
    if (skipped !== null || index !== undefined) continue;
    const name = names.has(node.name) ? `${node.name}-${node.id.slice(0, 8)}` : node.name;
    names.add(name);
    byHost.set(node.address.toLowerCase(), targets.length);
    targets.push({ name, host: node.address, port: 22, user: inventory.ssh.user, source: "nomad", nomad: fingerprint(node) });
  }
  return { targets, listed };
}

/** Each request, and the whole discovery: a slow Nomad delays a run by at most `deadlineMs`. */
export interface DiscoveryLimits {
  readonly requestMs?: number;
  readonly deadlineMs?: number;
}
const REQUEST_MS = 5000;
const DEADLINE_MS = 60_000;

/** Who to inspect: Nomad unreachable, refusing or too slow is reported, and the static clients still run. */
export async function resolveTargets(
  inventory: Inventory,
  env: Env,
  signal?: AbortSignal,
  limits: DiscoveryLimits = {},
): Promise<{ targets: Target[]; nomad: NomadDiscovery | null }> {
  if (!inventory.nomad) return { targets: [...inventory.clients], nomad: null };
  const deadlineMs = limits.deadlineMs ?? DEADLINE_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const client = nomadClient(inventory.nomad, env, limits.requestMs ?? REQUEST_MS, signal ? AbortSignal.any([deadline, signal]) : deadline);
  try {
    const nodes = await readNomadNodes(client, await listNomadNodes(client));
    const { targets, listed } = mergeTargets(inventory, nodes);
    return { targets, nomad: { address: inventory.nomad.address, error: null, nodes: listed } };
  } catch (error) {
    if (!(error instanceof NomadError)) throw error;
    const message = deadline.aborted ? `Nomad discovery did not finish within ${deadlineMs} ms: ${error.message}` : error.message;
    return { targets: [...inventory.clients], nomad: { address: inventory.nomad.address, error: message, nodes: [] } };
  }
}
