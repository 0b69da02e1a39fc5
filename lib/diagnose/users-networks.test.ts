import { describe, expect, it } from "vitest";
import { allUsersNetworks, describeUsersNetwork, learnedUsersNetworks, MAX_LEARNED_USERS } from "./users-networks";

const T1 = "users (reported by T-1)";
const T2 = "users (reported by T-2)";

describe("users' addresses learned from user probes", () => {
  it("takes IPv4 uploads as /32s, the newest label per address", () => {
    const learned = learnedUsersNetworks(
      [],
      [
        { address: "198.51.100.7", vantage: T2 },
        { address: "198.51.100.7", vantage: T1 },
        { address: "10.10.200.7", vantage: T1 },
      ],
    );
    expect(learned).toEqual([
      { cidr: "198.51.100.7/32", source: T2 },
      { cidr: "10.10.200.7/32", source: T1 },
    ]);
  });

  it("drops IPv6 /64 keys, 'unknown', addresses no remote host has, and those inside users.cidrs", () => {
    const sources = ["2001:db8:1:2::/64", "unknown", "127.0.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1", "10.20.3.4", "10.21.0.1"];
    const learned = learnedUsersNetworks(
      ["10.20.0.0/16"],
      sources.map((address) => ({ address, vantage: T1 })),
    );
    expect(learned).toEqual([{ cidr: "10.21.0.1/32", source: T1 }]);
  });

  it("keeps at most 8, the newest first", () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ address: `198.51.100.${i + 1}`, vantage: T1 }));
    const learned = learnedUsersNetworks([], many);
    expect(learned).toHaveLength(MAX_LEARNED_USERS);
    expect(learned[0]!.cidr).toBe("198.51.100.1/32");
  });

  it("names where each network came from", () => {
    const networks = allUsersNetworks(["10.20.0.0/16"], [{ cidr: "198.51.100.7/32", source: T1 }]);
    expect(networks.map((n) => n.source)).toEqual(["inventory", T1]);
    expect(describeUsersNetwork("10.20.0.0/16", networks)).toBe("10.20.0.0/16 (inventory users.cidrs)");
    expect(describeUsersNetwork("198.51.100.7/32", networks)).toBe(`198.51.100.7 (the address ${T1} uploaded from)`);
    expect(describeUsersNetwork("10.30.0.0/16", networks)).toBe("10.30.0.0/16");
    expect(describeUsersNetwork("10.20.0.0/16", undefined)).toBe("10.20.0.0/16");
  });
});
