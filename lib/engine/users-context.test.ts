import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/load";
import { userAddresses } from "../collect/host-checks";
import { probePolicy } from "../probe/policy";
import { makeTarget } from "../diagnose/test-fixtures";
import { probeAuthority } from "./probe-authority";
import { withLearnedUsers } from "./users-context";

const ENV = { SSH_AUTH_SOCK: "/agent" };
const HEAD = "ssh:\n  user: ubuntu\nclients:\n  - {name: a, host: 198.51.100.11}\n";
const FROM_USER = "users (reported by T-123)";
const LEARNED = [
  { cidr: "198.51.100.131/32", source: FROM_USER },
  { cidr: "10.10.200.7/32", source: FROM_USER },
];

describe("a run's users networks: users.cidrs plus the addresses users' probes came from", () => {
  it("adds the learned /32s after the inventory's, for the host checks' `ip route get`", () => {
    const inventory = parseInventory(`${HEAD}users:\n  cidrs: [10.20.0.0/16]\n`, "fleet.yaml", ENV);
    const merged = withLearnedUsers(inventory, LEARNED);
    expect(merged.inventory.users?.cidrs).toEqual(["10.20.0.0/16", "198.51.100.131/32", "10.10.200.7/32"]);
    expect(merged.usersNetworks.map((n) => n.source)).toEqual(["inventory", FROM_USER, FROM_USER]);
    expect(userAddresses(merged.inventory.users!.cidrs).map((u) => u.address)).toEqual(["10.20.0.1", "198.51.100.131", "10.10.200.7"]);
  });

  it("without learned addresses the inventory is the same object; without users.cidrs the learned ones stand alone", () => {
    const plain = parseInventory(HEAD, "fleet.yaml", ENV);
    expect(withLearnedUsers(plain, []).inventory).toBe(plain);
    expect(withLearnedUsers(plain, []).usersNetworks).toEqual([]);
    expect(withLearnedUsers(plain, LEARNED).inventory.users?.cidrs).toEqual(["198.51.100.131/32", "10.10.200.7/32"]);
  });

  it("never widens what may be probed: a learned address is no probe target", async () => {
    const inventory = parseInventory(HEAD, "fleet.yaml", ENV);
    const merged = withLearnedUsers(inventory, LEARNED).inventory;
    const target = makeTarget({ host: "198.51.100.11" });
    const before = await probeAuthority(target, inventory, []);
    const after = await probeAuthority(target, merged, []);
    expect(after).toEqual(before);
    expect(merged.probe).toBe(inventory.probe);
    // A client advertising the user's address is still refused, as it was without the learned networks.
    expect(probePolicy("198.51.100.11", after).ok).toBe(true);
    expect(probePolicy("198.51.100.131", after).ok).toBe(false);
    expect(probePolicy("10.10.200.7", after).ok).toBe(false);
  });
});
