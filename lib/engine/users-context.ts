import { allUsersNetworks, type UsersNetwork } from "../diagnose/users-networks";
import type { Inventory } from "../inventory/types";

/**
 * The inventory the run works with: users.cidrs plus the addresses learned from user probes, which
 * only the host checks read (`ip route get`, rule matching). Nothing else changes: what is probed
 * comes from probeAuthority (the inventory host, Nomad's fingerprint, probe.allowCidrs).
 */
export function withLearnedUsers(
  inventory: Inventory,
  learned: readonly UsersNetwork[],
): { inventory: Inventory; usersNetworks: UsersNetwork[] } {
  const usersNetworks = allUsersNetworks(inventory.users?.cidrs ?? null, learned);
  if (learned.length === 0) return { inventory, usersNetworks };
  return { inventory: { ...inventory, users: { cidrs: usersNetworks.map((n) => n.cidr) } }, usersNetworks };
}
