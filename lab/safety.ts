import { BRIDGE, LAB_CIDR } from "./addresses";

/** What the host looks like, gathered by safety-facts.ts (injected in tests). */
export interface HostFacts {
  readonly addresses: readonly { readonly ifname: string; readonly address: string }[];
  readonly routes: readonly HostRoute[];
  readonly dnsServers: readonly string[];
  readonly registryAddresses: readonly { readonly host: string; readonly address: string }[];
}

/** A route as `ip -j route show table all` prints it. */
export interface HostRoute {
  readonly dst: string;
  readonly type?: string;
  readonly dev?: string;
  readonly gateway?: string;
  readonly table?: string;
  readonly nexthops?: readonly { readonly gateway?: string; readonly dev?: string }[];
}

export function ipv4ToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** Parses "a.b.c.d/len" or a bare address (= /32); "default" is 0.0.0.0/0. */
export function parseCidr(dst: string): { base: number; len: number } | null {
  if (dst === "default") return { base: 0, len: 0 };
  const [ip, lenText] = dst.split("/");
  const base = ipv4ToInt(ip ?? "");
  const len = lenText === undefined ? 32 : Number(lenText);
  if (base === null || !Number.isInteger(len) || len < 0 || len > 32) return null;
  return { base, len };
}

/** True when every address of `inner` lies in `outer`. */
export function cidrInside(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.len < b.len) return false;
  const size = 2 ** (32 - b.len);
  return Math.floor(a.base / size) === Math.floor(b.base / size);
}

function isLabRoute(r: HostRoute): boolean {
  if (r.dev === BRIDGE) return true;
  return r.type === "unreachable" && r.dst === LAB_CIDR && (r.table === undefined || r.table === "main");
}

/** Every reason the lab must not claim `claims` on this host; empty when it may. */
export function checkSafety(claims: readonly string[], facts: HostFacts): string[] {
  const problems: string[] = [];
  const claimed = new Set(claims);
  for (const a of facts.addresses) {
    if (a.ifname !== BRIDGE && claimed.has(a.address)) problems.push(`${a.address} is already an address of this host (on ${a.ifname})`);
  }
  for (const r of facts.routes) {
    const gateways = [r.gateway, ...(r.nexthops ?? []).map((n) => n.gateway)].filter((g): g is string => !!g);
    for (const g of gateways) if (claimed.has(g)) problems.push(`${g} is the gateway of the host route ${r.dst}`);
    if (cidrInside(r.dst, LAB_CIDR) && !isLabRoute(r)) {
      const via = r.dev ? ` dev ${r.dev}` : r.gateway ? ` via ${r.gateway}` : "";
      problems.push(`a route to ${r.dst}${via}${r.table ? ` (table ${r.table})` : ""} exists that the lab did not make`);
    }
  }
  for (const d of facts.dnsServers) if (claimed.has(d)) problems.push(`${d} is a DNS server in /etc/resolv.conf`);
  for (const r of facts.registryAddresses) {
    if (claimed.has(r.address)) problems.push(`${r.address} is an address of the package registry host ${r.host}`);
  }
  return [...new Set(problems)];
}
