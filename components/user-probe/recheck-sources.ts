import type { UserProbeInfo } from "@/lib/api/user-probe";
import { isIpv4, neverAHost } from "@/lib/common/ipv4";

/** The users' addresses a new run checks the clients against: IPv4 sources (a remote host's) of uploads of requests not revoked. */
export function recheckSources(probes: readonly UserProbeInfo[]): string[] {
  const sources = probes.flatMap((p) => (p.revokedAt === null && p.reportedAt !== null && p.source ? [p.source] : []));
  return [...new Set(sources.filter((s) => isIpv4(s) && neverAHost(s) === null))];
}
