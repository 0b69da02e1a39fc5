import { inCidr, isIpv4, neverAHost } from "../common/ipv4";

/** Where a users' network came from: the inventory's users.cidrs, or a user probe's upload (its vantage name). */
export const INVENTORY_USERS = "inventory";

export interface UsersNetwork {
  readonly cidr: string;
  /** INVENTORY_USERS, or the vantage name of the user probe whose upload came from this address. */
  readonly source: string;
}

/** A user probe's upload, newest first: its address as the dashboard saw it. */
export interface LearnedUsersAddress {
  readonly address: string;
  readonly vantage: string;
}

/** Each learned address costs one `ip route get` per client, like an inventory CIDR. */
export const MAX_LEARNED_USERS = 8;

/**
 * The addresses users' uploads came from as /32 networks: IPv4 only, never one no remote host can
 * have, nor one the inventory's users.cidrs already hold; the newest per address, at most 8.
 */
export function learnedUsersNetworks(inventoryCidrs: readonly string[], learned: readonly LearnedUsersAddress[]): UsersNetwork[] {
  const out = new Map<string, UsersNetwork>();
  for (const { address, vantage } of learned) {
    if (out.size >= MAX_LEARNED_USERS) break;
    if (!isIpv4(address) || neverAHost(address) !== null || inventoryCidrs.some((c) => inCidr(address, c))) continue;
    if (!out.has(address)) out.set(address, { cidr: `${address}/32`, source: vantage });
  }
  return [...out.values()];
}

/** The inventory's networks first, then the learned ones. */
export function allUsersNetworks(inventoryCidrs: readonly string[] | null, learned: readonly UsersNetwork[]): UsersNetwork[] {
  return [...(inventoryCidrs ?? []).map((cidr) => ({ cidr, source: INVENTORY_USERS })), ...learned];
}

/** "10.20.0.0/16 (inventory users.cidrs)" or "198.51.100.7 (the address users (reported by T-1) uploaded from)". */
export function describeUsersNetwork(cidr: string, networks: readonly UsersNetwork[] | undefined): string {
  const source = networks?.find((n) => n.cidr === cidr)?.source;
  if (source === undefined) return cidr;
  if (source === INVENTORY_USERS) return `${cidr} (inventory users.cidrs)`;
  return `${cidr.replace(/\/32$/, "")} (the address ${source} uploaded from)`;
}
