import { inCidr, isIpv4 } from "../common/ipv4";

/** Set on every request by stamp-source.ts from the socket; a client's own copy is overwritten. */
export const SOURCE_HEADER = "x-rerun-doctor-source";
/** Marks that stamp-source.ts is installed in this process. */
export const STAMPED = Symbol.for("rerun-doctor.stamp-source");

function plain(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith("::ffff:") && isIpv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

function trusts(trusted: readonly string[], address: string): boolean {
  return trusted.some((entry) => (entry.includes("/") ? inCidr(address, entry) : plain(entry) === address));
}

/** One budget per IPv4 address, and per IPv6 /64: a single host usually holds the whole /64. */
function budgetKey(address: string): string {
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(":")}::/64`;
}

/**
 * Who sent a request, for rate limits: the socket's peer, or, when that peer is a configured
 * reverse proxy, the nearest X-Forwarded-For hop that is not one. Without configured proxies the
 * header is ignored, since anyone can write it.
 */
export function sourceAddress(remote: string | undefined, forwardedFor: string | undefined, trusted: readonly string[]): string {
  let source = plain(remote ?? "") || "unknown";
  if (!trusts(trusted, source) || !forwardedFor) return budgetKey(source);
  const hops = forwardedFor.split(",").map(plain).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    source = hops[i]!;
    if (!trusts(trusted, source)) break;
  }
  return budgetKey(source);
}

/** RERUN_DOCTOR_TRUSTED_PROXIES: addresses or IPv4 CIDRs of reverse proxies, comma-separated. */
export function trustedProxies(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  return (env.RERUN_DOCTOR_TRUSTED_PROXIES ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The stamped source. Without the stamp installed the header would be the client's own word, so
 * then everyone shares the one budget "unknown".
 */
export function requestSource(headers: Headers): string {
  return ((globalThis as { [STAMPED]?: true })[STAMPED] && headers.get(SOURCE_HEADER)) || "unknown";
}
