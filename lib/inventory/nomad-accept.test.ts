// Nomad lists nodes; which of them the dashboard may SSH into is the inventory's decision.
import { afterEach, describe, expect, it } from "vitest";
import { startFakeNomad, type FakeNomad, type FakeNomadNode } from "../../lab/nomad-api-server";
import { resolveTargets } from "./discover";
import { parseInventory } from "./load";

const fakes: FakeNomad[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

const ENV = { SSH_AUTH_SOCK: "/agent" };
const OWN = new Set(["10.0.0.5", "fe80::1"]);

function node(n: number, address: string, networkIp: string | null = address): FakeNomadNode {
  return {
    ID: `${String(n).padStart(8, "0")}-4d6e-c0de-26d0-e383c49be941`,
    Name: `node-${n}`,
    Address: address,
    Status: "ready",
    Drain: false,
    SchedulingEligibility: "eligible",
    Attributes: networkIp === null ? {} : { "unique.network.ip-address": networkIp },
  };
}

async function discover(nodes: FakeNomadNode[], nomadExtra = "", pageSize = 3) {
  const fake = await startFakeNomad({ nodes, pageSize });
  fakes.push(fake);
  const text = `ssh:\n  user: u\nnomad:\n  address: ${fake.address}\n${nomadExtra}clients:\n  - { name: static, host: 127.0.0.1 }\n`;
  const { targets, nomad } = await resolveTargets(parseInventory(text, "/fleet.yaml", ENV), ENV, undefined, { own: OWN });
  return {
    fake,
    targets: targets.map((t) => `${t.name} ${t.host} ${t.source}`),
    skipped: Object.fromEntries(nomad!.nodes.filter((n) => n.skipped !== null).map((n) => [n.name, n.skipped])),
  };
}

describe("which Nomad nodes the dashboard SSHes into", () => {
  it("never loopback, link-local, unspecified, multicast, reserved, hostnames or its own addresses", async () => {
    const { targets, skipped } = await discover([
      node(1, "127.0.0.2"),
      node(2, "169.254.169.254"),
      node(3, "0.0.0.0"),
      node(4, "224.0.0.1"),
      node(5, "255.255.255.255"),
      node(6, "10.0.0.5"),
      node(7, "internal.example"),
      node(8, "::1"),
      node(9, "10.0.0.9"),
    ]);
    expect(targets).toEqual(["static 127.0.0.1 inventory", "node-9 10.0.0.9 nomad"]);
    expect(skipped).toEqual({
      "node-1": "127.0.0.2 is loopback",
      "node-2": "169.254.169.254 is link-local",
      "node-3": "0.0.0.0 is unspecified (0.0.0.0/8)",
      "node-4": "224.0.0.1 is multicast",
      "node-5": "255.255.255.255 is reserved (240.0.0.0/4, broadcast included)",
      "node-6": "10.0.0.5 is an address of the dashboard itself",
      "node-7": '"internal.example" is not an IPv4 address',
      "node-8": '"::1" is not an IPv4 address',
    });
  });

  it("without nomad.allowCidrs, only at the address the node fingerprinted itself (unique.network.ip-address)", async () => {
    const { targets, skipped } = await discover([node(1, "10.0.1.1"), node(2, "10.0.1.2", "10.0.1.99"), node(3, "10.0.1.3", null)]);
    expect(targets).toEqual(["static 127.0.0.1 inventory", "node-1 10.0.1.1 nomad"]);
    expect(skipped).toEqual({
      "node-2": "10.0.1.2 is not the node's own unique.network.ip-address (10.0.1.99), and nomad.allowCidrs is not set",
      "node-3": "10.0.1.3 is not the node's own unique.network.ip-address (none), and nomad.allowCidrs is not set",
    });
  });

  it("with nomad.allowCidrs, only inside them, whatever the node's fingerprint says", async () => {
    const { targets, skipped } = await discover(
      [node(1, "10.0.1.1"), node(2, "10.0.2.2", "10.0.1.99"), node(3, "192.168.1.3"), node(4, "10.0.1.4", "192.168.1.3")],
      "  allowCidrs: [10.0.0.0/16]\n",
    );
    expect(targets).toEqual(["static 127.0.0.1 inventory", "node-1 10.0.1.1 nomad", "node-2 10.0.2.2 nomad", "node-4 10.0.1.4 nomad"]);
    expect(skipped).toEqual({ "node-3": "192.168.1.3 is outside nomad.allowCidrs" });
  });

  it("inspects at most nomad.maxNodes discovered nodes, lists the rest as skipped, and does not read them", async () => {
    const nodes = [1, 2, 3, 4, 5].map((n) => node(n, `10.0.1.${n}`));
    const { fake, targets, skipped } = await discover([node(9, "127.0.0.9"), ...nodes], "  maxNodes: 3\n");
    expect(targets).toEqual(["static 127.0.0.1 inventory", "node-1 10.0.1.1 nomad", "node-2 10.0.1.2 nomad", "node-3 10.0.1.3 nomad"]);
    expect(skipped).toMatchObject({
      "node-4": "beyond nomad.maxNodes (3): not inspected",
      "node-5": "beyond nomad.maxNodes (3): not inspected",
    });
    expect(fake.requests.filter((r) => r.startsWith("GET /v1/node/"))).toHaveLength(3);
  });

  it("caps discovery at 500 nodes by default", async () => {
    const nodes = Array.from({ length: 502 }, (_, i) => node(i, `10.9.${Math.floor(i / 200)}.${(i % 200) + 1}`));
    const { targets, skipped } = await discover(nodes, "", 100);
    expect(targets).toHaveLength(1 + 500);
    expect(Object.keys(skipped)).toEqual(["node-500", "node-501"]);
  });

  it("checks nomad.allowCidrs and nomad.maxNodes in the inventory", () => {
    const text = (extra: string) => `ssh:\n  user: u\nnomad:\n  address: https://n:4646\n${extra}`;
    expect(() => parseInventory(text("  allowCidrs: [10.0.0.0/33]\n"), "/fleet.yaml", ENV)).toThrow(/invalid inventory/);
    expect(() => parseInventory(text("  maxNodes: 0\n"), "/fleet.yaml", ENV)).toThrow(/invalid inventory/);
    expect(parseInventory(text(""), "/fleet.yaml", ENV).nomad).toMatchObject({ allowCidrs: [], maxNodes: 500 });
  });
});
