import type { ClientFacts } from "../collect/types";
import { inCidr } from "../common/ipv4";
import type { AddressAnalysis } from "./advertised-ip";
import { finding } from "./catalog";
import { isStaleOverride } from "./rules-address";
import type { Finding } from "./types";

const PRIVATE_RANGES: readonly (readonly [cidr: string, kind: string])[] = [
  ["10.0.0.0/8", "private (RFC 1918)"],
  ["172.16.0.0/12", "private (RFC 1918)"],
  ["192.168.0.0/16", "private (RFC 1918)"],
  ["100.64.0.0/10", "carrier-grade NAT (RFC 6598)"],
];

/**
 * A valid override written before this boot that still names this client (a stale one is
 * OVERRIDE_STALE's, with the same dates as evidence): no boot script rewrites it (research F14, §4).
 */
function olderThanBoot(facts: ClientFacts, analysis: AddressAnalysis): Finding[] {
  const { override } = analysis;
  const mtime = Date.parse(facts.override.mtime ?? "");
  const boot = Date.parse(facts.bootTime ?? "");
  if (override.kind !== "valid" || Number.isNaN(mtime) || Number.isNaN(boot) || mtime >= boot) return [];
  if (isStaleOverride(facts, analysis)) return [];
  return [finding("OVERRIDE_OLDER_THAN_BOOT", analysis.platform === "none" ? "info" : "warning", { facts, analysis, ip: override.ip })];
}

/** An advertised RFC 1918 or CGNAT address works only for users inside the network (research F5). */
function privateAdvertised(facts: ClientFacts, analysis: AddressAnalysis, rerunPort: number): Finding[] {
  const ip = analysis.advertised.ip;
  const kind = ip === null ? undefined : PRIVATE_RANGES.find(([cidr]) => inCidr(ip, cidr))?.[1];
  return ip && kind ? [finding("ADVERTISED_IP_PRIVATE", "info", { facts, analysis, ip, kind, port: rerunPort })] : [];
}

/** Findings that need the platform, the boot time or the address's kind. */
export function cloudFindings(facts: ClientFacts, analysis: AddressAnalysis, rerunPort: number): Finding[] {
  return [...olderThanBoot(facts, analysis), ...privateAdvertised(facts, analysis, rerunPort)];
}
