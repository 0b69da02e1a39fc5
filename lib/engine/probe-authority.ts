import { lookup } from "node:dns/promises";
import { networkInterfaces } from "node:os";
import { isIpv4 } from "../common/ipv4";
import type { Inventory, Target } from "../inventory/types";
import type { ProbeAuthority } from "../probe/policy";

const LOOKUP_TIMEOUT_MS = 2000;

/** The dashboard's own IPv4 networks, from its interfaces. */
export function ownNetworks(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i && i.family === "IPv4" && i.cidr ? [i.cidr] : []));
}

/** The inventory host as the dashboard resolves it (a name resolves to its IPv4s; failure to none). */
async function hostAddresses(host: string): Promise<string[]> {
  if (isIpv4(host)) return [host];
  const timeout = new Promise<[]>((resolve) => setTimeout(() => resolve([]), LOOKUP_TIMEOUT_MS).unref());
  const resolved = lookup(host, { all: true, family: 4 }).then(
    (all) => all.map((a) => a.address),
    () => [],
  );
  return Promise.race([resolved, timeout]);
}

/** What vouches for a client's addresses: its inventory host, Nomad's fingerprint, the admin's CIDRs. */
export async function probeAuthority(target: Target, inventory: Inventory, own: readonly string[]): Promise<ProbeAuthority> {
  const nomad = target.nomad ? [target.nomad.publicIpv4, target.nomad.localIpv4].filter((a): a is string => a !== null && isIpv4(a)) : [];
  return { vouched: [...(await hostAddresses(target.host)), ...nomad], allowCidrs: inventory.probe.allowCidrs, ownNetworks: own };
}
