import type { ClientFacts } from "../collect/types";

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function toInt(ip: string): number | null {
  const m = IPV4.exec(ip);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return null;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base = "", bitsText = "32"] = cidr.split("/");
  const addr = toInt(ip);
  const net = toInt(base);
  const bits = Number(bitsText);
  if (addr === null || net === null || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(addr / size) === Math.floor(net / size);
}

/** Never probed, whatever a client claims: these are not addresses users connect to. */
const NEVER = ["0.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4"];

export type ProbeDecision = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Advertised addresses come from remote hosts, so the dashboard probes one only when the client
 * itself corroborates it (its SSH address, an interface, its metadata) or an allowed CIDR holds it.
 */
export function probePolicy(address: string, sshHost: string, facts: ClientFacts, allowCidrs: readonly string[]): ProbeDecision {
  if (toInt(address) === null) return { ok: false, reason: `${JSON.stringify(address)} is not an IPv4 address` };
  if (NEVER.some((cidr) => inCidr(address, cidr))) return { ok: false, reason: `${address} is a link-local, multicast or reserved address` };
  if (inCidr(address, "127.0.0.0/8") && !inCidr(sshHost, "127.0.0.0/8")) return { ok: false, reason: `${address} is loopback` };
  const own = [sshHost, ...facts.interfaces, facts.imds.publicIpv4.value, facts.imds.localIpv4.value];
  if (own.includes(address) || allowCidrs.some((cidr) => inCidr(address, cidr))) return { ok: true };
  return {
    ok: false,
    reason: `${address} is not this client's SSH address, an interface address or its metadata IP, and is outside probe.allowCidrs`,
  };
}
