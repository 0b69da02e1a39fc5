import { describe, expect, it } from "vitest";
import { hostNftRuleset } from "./host-net";
import { hostBatch, iptablesRules, namespaceBatch } from "./net";
import { allocate, claimedAddresses, instanceIdFor, MAX_CLIENTS, planClients } from "./plan";
import { STALE_OVERRIDE_IP } from "./addresses";
import { SCENARIOS, selectScenarios } from "./scenarios";

describe("allocate", () => {
  it("hands out .2 upwards privately and .130 upwards publicly", () => {
    expect(allocate(2)).toEqual([
      { index: 1, privateIp: "198.51.100.2", publicIp: "198.51.100.130" },
      { index: 2, privateIp: "198.51.100.3", publicIp: "198.51.100.131" },
    ]);
  });
  it("stops at .126/.254 and refuses a 126th client", () => {
    expect(MAX_CLIENTS).toBe(125);
    expect(allocate(125).at(-1)).toEqual({ index: 125, privateIp: "198.51.100.126", publicIp: "198.51.100.254" });
    expect(() => allocate(126)).toThrow(/at most 125/);
    expect(() => allocate(-1)).toThrow();
  });
});

describe("planClients", () => {
  const all = planClients(SCENARIOS, 3, "/tmp/x");
  const byName = new Map(all.map((c) => [c.name, c]));

  it("puts scenarios first, then healthy-001...", () => {
    expect(all.map((c) => c.name).slice(-3)).toEqual(["healthy-001", "healthy-002", "healthy-003"]);
    expect(all[0]).toMatchObject({ name: "healthy-imdsv2", namespace: "rdlab-1", hostVeth: "rdlv1", privateIp: "198.51.100.2" });
    expect(byName.get("healthy-002")).toMatchObject({ scenario: "healthy-imdsv1", expect: { verdict: "ok", codes: [] } });
  });
  it("resolves overrides", () => {
    const a = byName.get("override-copied-a");
    expect(a?.override).toBe(`${a?.publicIp}\n`);
    expect(byName.get("override-copied-b")?.override).toBe(a?.override);
    const mbo = byName.get("metadata-blocked-override");
    expect(mbo?.override).toBe(`${mbo?.privateIp}\n`);
    expect(byName.get("override-stale")?.override).toBe(`${STALE_OVERRIDE_IP}\n`);
    expect(byName.get("imdsv2-empty-override")?.override).toBe("\n");
    expect(byName.get("healthy-imdsv1")?.override).toBeNull();
    expect(byName.get("override-garbage")?.override).toContain('<script>alert("rerun-doctor-xss")</script>');
  });
  it("gives no-public-ip no public address and keeps ids stable", () => {
    expect(byName.get("no-public-ip")?.publicIp).toBeNull();
    expect(byName.get("healthy-001")?.instanceId).toBe(instanceIdFor("healthy-001"));
    expect(instanceIdFor("a")).toMatch(/^i-0[0-9a-f]{16}$/);
    expect(new Set(all.map((c) => c.instanceId)).size).toBe(all.length);
  });
  it("claims the dashboard, .127 and every client address but no unused public one", () => {
    const claims = claimedAddresses(all);
    expect(claims).toContain("198.51.100.1");
    expect(claims).toContain("198.51.100.127");
    expect(claims).not.toContain("198.51.100.136");
    expect(claims.every((ip) => ip.startsWith("198.51.100."))).toBe(true);
  });
  it("limits extra clients to what the lab holds beside one scenario", () => {
    expect(() => planClients(SCENARIOS, 125, "/tmp/x")).toThrow(/0 to 124/);
    expect(() => planClients(SCENARIOS, 124, "/tmp/x")).toThrow(/at most 125 clients/);
    expect(planClients(SCENARIOS, MAX_CLIENTS - SCENARIOS.length, "/tmp/x")).toHaveLength(MAX_CLIENTS);
  });
  it("makes the extras copies of another scenario when asked, named after it", () => {
    const planned = planClients(selectScenarios(["sg-drops-rerun-range"]), 124, "/tmp/x", "sg-drops-rerun-range");
    expect(planned).toHaveLength(125);
    expect(planned.at(-1)).toMatchObject({ name: "sg-drops-rerun-range-124", firewall: "drop-rerun-range", privateIp: "198.51.100.126" });
    expect(new Set(planned.map((c) => c.expect.verdict))).toEqual(new Set(["broken"]));
  });
  it("lets a copied override follow its partner", () => {
    const planned = planClients(selectScenarios(["override-copied-b"]), 0, "/tmp/x");
    expect(planned.map((c) => c.name)).toEqual(["override-copied-a", "override-copied-b"]);
    expect(planned[1]?.override).toBe("198.51.100.130\n");
  });
});

describe("network batches", () => {
  const [c1, c2] = planClients(selectScenarios(["no-public-ip", "sg-drops-part"]), 0, "/tmp/x");
  it("renders host lines with /32 routes and the unreachable catch-all, never a default route", () => {
    const batch = hostBatch([c1!, c2!]);
    expect(batch).toContain("route add unreachable 198.51.100.0/24");
    expect(batch).toContain("route add 198.51.100.2/32 dev rdlab0 src 198.51.100.1");
    expect(batch).toContain("link add rdlv2 type veth peer name eth0 netns rdlab-2");
    expect(batch).not.toMatch(/default/);
    expect(batch.match(/route add 198/g)).toHaveLength(3);
  });
  it("renders namespace lines with metadata on lo and one route", () => {
    const ns = namespaceBatch(c1!);
    expect(ns).toContain("addr add 169.254.169.254/32 dev lo");
    expect(ns).not.toContain("198.51.100.130");
    expect(ns.match(/route add/g)).toEqual(["route add"]);
  });
  it("renders iptables rules per scenario", () => {
    expect(iptablesRules(c1!)).toEqual([]);
    // A security group is not the client's own firewall: raw PREROUTING, out of the chains the host check reads.
    expect(iptablesRules(c2!)).toEqual([["-t", "raw", "-A", "PREROUTING", "-p", "tcp", "--dport", "65036:65535", "-j", "DROP"]]);
    const blocked = planClients(selectScenarios(["metadata-blocked"]), 0, "/tmp/x")[0]!;
    expect(iptablesRules(blocked)[0]).toEqual(["-A", "INPUT", "-d", "169.254.169.254", "-p", "tcp", "--dport", "80", "-j", "DROP"]);
    const [input, dockerUser] = planClients(selectScenarios(["host-input-drops-rerun", "docker-user-blocked-users"]), 0, "/tmp/x");
    expect(iptablesRules(input!)).toEqual([["-A", "INPUT", "-p", "tcp", "-m", "tcp", "--dport", "64535:65535", "-j", "DROP"]]);
    expect(iptablesRules(dockerUser!).slice(0, 3)).toEqual([
      ["-N", "DOCKER-USER"],
      ["-A", "DOCKER-USER", "-j", "RETURN"],
      ["-A", "FORWARD", "-j", "DOCKER-USER"],
    ]);
    expect(iptablesRules(dockerUser!).at(-1)).toEqual(["-I", "DOCKER-USER", "-i", "br+", "-d", "10.0.0.0/16", "-j", "DROP"]);
  });

  it("gives host-nft-drops-rerun an nftables drop of the rerun range and no iptables rule; nobody else gets a ruleset", () => {
    const planned = planClients(selectScenarios(["host-nft-drops-rerun", "host-input-drops-rerun"]), 0, "/tmp/x");
    const [nft, input] = ["host-nft-drops-rerun", "host-input-drops-rerun"].map((n) => planned.find((c) => c.name === n));
    expect(iptablesRules(nft!)).toEqual([]);
    expect(hostNftRuleset(nft!)).toMatch(
      /^table inet filter \{\n {2}chain input \{\n {4}type filter hook input priority 0;[^\n]*\n {4}tcp dport 64535-65535 drop\n/,
    );
    expect(hostNftRuleset(input!)).toBeNull();
  });

  it("gives the users-overlap scenario a docker0 bridge on 10.10.0.1/16, and nobody else", () => {
    const planned = planClients(selectScenarios(["users-overlap-docker-bridge", "healthy-imdsv1"]), 0, "/tmp/x");
    const [bridge, healthy] = ["users-overlap-docker-bridge", "healthy-imdsv1"].map((n) => planned.find((c) => c.name === n));
    expect(namespaceBatch(bridge!)).toContain("addr add 10.10.0.1/16 dev docker0\n");
    expect(namespaceBatch(healthy!)).not.toContain("docker0");
    expect(bridge!.nomadNodeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
