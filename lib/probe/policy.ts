import { inCidr, isIpv4 } from "../common/ipv4";

/** Never probed, whatever a client claims: these are not addresses users connect to. */
const NEVER = ["0.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4"];

export type ProbeDecision = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Advertised addresses come from remote hosts, so the dashboard probes one only when the client
 * itself corroborates it (its SSH address, an interface, its metadata) or an allowed CIDR holds it.
 */
export function probePolicy(
  address: string,
  sshHost: string,
  reported: readonly (string | null)[],
  allowCidrs: readonly string[],
): ProbeDecision {
  if (!isIpv4(address)) return { ok: false, reason: `${JSON.stringify(address)} is not an IPv4 address` };
  if (NEVER.some((cidr) => inCidr(address, cidr)))
    return { ok: false, reason: `${address} is a link-local, multicast or reserved address` };
  if (inCidr(address, "127.0.0.0/8") && !inCidr(sshHost, "127.0.0.0/8")) return { ok: false, reason: `${address} is loopback` };
  const own = [sshHost, ...reported];
  if (own.includes(address) || allowCidrs.some((cidr) => inCidr(address, cidr))) return { ok: true };
  return {
    ok: false,
    reason: `${address} is not this client's SSH address, an interface address or its metadata IP, and is outside probe.allowCidrs`,
  };
}
