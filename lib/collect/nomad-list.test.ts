import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/load";
import { screenListing } from "../inventory/discover";
import { parseNomadListing } from "./nomad-list";

const stub = (name: string, address: string, extra: Record<string, unknown> = {}) => ({
  Address: address,
  ID: `${name}-0000-0000-0000-000000000000`.slice(0, 36),
  Name: name,
  Datacenter: "dc1",
  Drain: false,
  SchedulingEligibility: "eligible",
  Status: "ready",
  StatusDescription: "",
  NodeClass: "",
  Version: "1.8.0",
  Drivers: {},
  ...extra,
});

function output(status: string, body: string, complete = true): Buffer {
  const lines = [
    "rd-host-begin 1",
    `nomad.nodes ${status}`,
    `nomad.nodes-size ${Buffer.byteLength(body)}`,
    `rd-host-blobs nodes:${Buffer.byteLength(body)}`,
  ];
  return Buffer.from(`${lines.join("\n")}\n${body}\n${complete ? "rd-host-end 1\n" : ""}`);
}

describe("the fleet through a client's agent (nomad.via)", () => {
  it("reads /v1/nodes stubs in Nomad's shape", () => {
    const listing = parseNomadListing(output("200", JSON.stringify([stub("a", "10.0.1.12"), stub("b", "10.0.1.13")])));
    expect(listing.ok && listing.stubs.map((s) => s.Address)).toEqual(["10.0.1.12", "10.0.1.13"]);
  });

  it("says why there is no listing", () => {
    expect(parseNomadListing(output("000", ""))).toMatchObject({ ok: false, message: expect.stringMatching(/no Nomad agent answered/) });
    expect(parseNomadListing(output("403", "Permission denied"))).toMatchObject({ ok: false, message: expect.stringMatching(/403/) });
    expect(parseNomadListing(output("200", "[{"))).toMatchObject({ ok: false, message: expect.stringMatching(/other than JSON/) });
    expect(parseNomadListing(output("200", "[]", false))).toMatchObject({ ok: false, message: expect.stringMatching(/cut/) });
    expect(parseNomadListing(output("200", '[{"ID": 1}]'))).toMatchObject({ ok: false, message: expect.stringMatching(/not a node list/) });
  });

  it("inspects only listed nodes inside nomad.allowCidrs, never the dashboard itself, and names each skip", () => {
    const inventory = parseInventory(
      "ssh: {user: ubuntu}\nclients:\n  - {name: a, host: 10.0.1.12}\nnomad:\n  via: a\n  allowCidrs: [10.0.1.0/24]\n  maxNodes: 1\n",
      "/x/fleet.yaml",
      { SSH_AUTH_SOCK: "/agent" },
    );
    const stubs = [
      stub("a", "10.0.1.12"),
      stub("b", "10.0.1.13"),
      stub("c", "10.0.1.14"),
      stub("d", "10.9.9.9"),
      stub("e", "10.0.1.15", { Drain: true }),
      stub("f", "10.0.1.1"),
    ];
    const { targets, listed } = screenListing(inventory, stubs, new Set(["10.0.1.1"]));
    expect(targets.map((t) => [t.name, t.host, t.source])).toEqual([
      ["a", "10.0.1.12", "inventory"],
      ["b", "10.0.1.13", "nomad"],
    ]);
    expect(listed.map((n) => [n.name, n.skipped])).toEqual([
      ["a", null],
      ["b", null],
      ["c", "beyond nomad.maxNodes (1): not inspected"],
      ["d", "10.9.9.9 is outside nomad.allowCidrs"],
      ["e", "node is draining"],
      ["f", "10.0.1.1 is an address of the dashboard itself"],
    ]);
    expect(targets[1]!.nomad).toMatchObject({ publicIpv4: null, localIpv4: null }); // the listing vouches for no address to probe
  });
});
