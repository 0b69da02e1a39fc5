import { networkInterfaces } from "node:os";
import { inCidr, isIpv4, neverAHost } from "../common/ipv4";
import type { NomadNode } from "./nomad-api";

/**
 * Which addresses Nomad lists the dashboard may SSH into. Nomad is not trusted to choose: a
 * compromised server or a forged answer could point the dashboard's keys at any host.
 */
export interface NodePolicy {
  /** `nomad.allowCidrs`; empty means the fingerprint rule below. */
  readonly allowCidrs: readonly string[];
  /** The dashboard's own interface addresses. */
  readonly own: ReadonlySet<string>;
}

/** Why a listed address is refused before the node is even read, or null. */
export function addressRefusal(address: string, policy: NodePolicy): string | null {
  if (!isIpv4(address)) return `${JSON.stringify(address.slice(0, 64))} is not an IPv4 address`;
  const special = neverAHost(address);
  if (special) return `${address} is ${special}`;
  if (policy.own.has(address)) return `${address} is an address of the dashboard itself`;
  if (policy.allowCidrs.length > 0 && !policy.allowCidrs.some((cidr) => inCidr(address, cidr)))
    return `${address} is outside nomad.allowCidrs`;
  return null;
}

/**
 * Without allowCidrs, the address must be the one the client fingerprinted on its own interface.
 * That catches a listing that disagrees with the node's own record, not a lying server (it can
 * forge both), so allowCidrs, when set, is the only rule and the fingerprint cannot widen it.
 */
export function fingerprintRefusal(node: NomadNode, policy: NodePolicy): string | null {
  if (policy.allowCidrs.length > 0 || node.networkIp === node.address) return null;
  return `${node.address} is not the node's own unique.network.ip-address (${node.networkIp ?? "none"}), and nomad.allowCidrs is not set`;
}

/** Every address on this machine's interfaces, read when discovery starts. */
export function ownAddresses(): Set<string> {
  return new Set(
    Object.values(networkInterfaces())
      .flat()
      .flatMap((info) => (info ? [info.address] : [])),
  );
}
