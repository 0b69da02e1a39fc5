import { listNodesVia } from "../collect/nomad-list";
import { ownAddresses, screenListing } from "../inventory/discover";
import type { Inventory, NomadDiscovery, Target } from "../inventory/types";
import { openSession } from "../ssh/open-session";

const LIST_TIMEOUT_MS = 20_000;

/** How the report names this discovery: the client whose agent listed the fleet. */
export const viaAddress = (via: string): string => `via ${via} (its Nomad agent on localhost:4646)`;

/**
 * `nomad: { via: <client> }`: the fleet as that inventory client's local agent lists it, over SSH,
 * screened like server-API discovery (allowCidrs, maxNodes, status). Failures are reported, not fatal.
 */
export async function discoverVia(
  inventory: Inventory,
  signal?: AbortSignal,
  own: ReadonlySet<string> = ownAddresses(),
): Promise<{ targets: Target[]; nomad: NomadDiscovery }> {
  const via = inventory.nomad?.via ?? "";
  const address = viaAddress(via);
  const failed = (error: string) => ({ targets: [...inventory.clients], nomad: { address, error, nodes: [] } });
  const client = inventory.clients.find((c) => c.name === via);
  if (!client) return failed(`nomad.via names no inventory client (${JSON.stringify(via.slice(0, 64))})`);
  const opened = await openSession(client, inventory.ssh, { signal });
  if (!opened.ok) return failed(`could not log in to ${via} to ask its Nomad agent: ${opened.failure.kind}`);
  try {
    const listing = await listNodesVia(opened.session, Math.min(inventory.ssh.commandTimeoutMs, LIST_TIMEOUT_MS));
    if (!listing.ok) return failed(listing.message);
    const { targets, listed } = screenListing(inventory, listing.stubs, own);
    return { targets, nomad: { address, error: null, nodes: listed } };
  } finally {
    opened.session.end();
  }
}
