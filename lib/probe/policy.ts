import { inCidr, isIpv4, specialUse } from "../common/ipv4";

/** Never probed, whatever anyone says: no user connects to these. */
const NEVER = ["0.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4"];

/** What may be probed for one client, from sources the client cannot fake. */
export interface ProbeAuthority {
  /** The inventory host's addresses (resolved) and, with discovery, what Nomad fingerprinted. */
  readonly vouched: readonly string[];
  /** probe.allowCidrs: the networks the admin declared theirs. */
  readonly allowCidrs: readonly string[];
  /** The dashboard's own networks (CIDRs of its interfaces). */
  readonly ownNetworks: readonly string[];
}

export type ProbeDecision = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * An advertised address comes from the client (its override, metadata or interfaces), and a client
 * can lie. It is probed when the inventory, Nomad or probe.allowCidrs vouch for it; otherwise only
 * when it is globally routable, outside the dashboard's own networks: aiming the dashboard at the
 * internet gains an attacker nothing they lack, aiming it at a private network would.
 */
export function probePolicy(address: string, authority: ProbeAuthority): ProbeDecision {
  if (!isIpv4(address)) return { ok: false, reason: `${JSON.stringify(address.slice(0, 64))} is not an IPv4 address` };
  if (NEVER.some((cidr) => inCidr(address, cidr)))
    return { ok: false, reason: `${address} is a link-local, multicast or reserved address` };
  if (authority.allowCidrs.some((cidr) => inCidr(address, cidr)) || authority.vouched.includes(address)) return { ok: true };
  const kind = specialUse(address);
  if (kind !== null) {
    return {
      ok: false,
      reason:
        `${address} is a ${kind} address that only the client itself reports (not its inventory host, not Nomad's fingerprint); ` +
        "a client that lies could aim the dashboard at a private network. Add it to probe.allowCidrs if it is yours",
    };
  }
  if (authority.ownNetworks.some((cidr) => inCidr(address, cidr))) {
    return { ok: false, reason: `${address} is on the dashboard's own network, and only the client reports it` };
  }
  return { ok: true };
}
