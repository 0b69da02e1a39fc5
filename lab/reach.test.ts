import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseArgs } from "./args";
import { LAB_CIDR } from "./addresses";
import { cidrInside } from "./safety";
import {
  planReach,
  renderReachInventory,
  renderReachKnownHosts,
  reachClaims,
  reachHostBatch,
  reachNamespaceBatch,
  reachNode,
  WIDE_SPECS,
} from "./reach";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKwide";

describe("planReach", () => {
  const w = planReach(76, "/tmp/x");
  it("places every namespace after the clients, inside the private half of the lab range", () => {
    expect(w.nodes.map((n) => n.node.namespace)).toEqual(WIDE_SPECS.map((_, i) => `rdlab-${77 + i}`));
    expect(reachNode(w, "reach-healthy")).toMatchObject({ privateIp: "198.51.100.78", publicIp: "198.51.100.206" });
    expect(reachNode(w, "office-vantage")).toMatchObject({ privateIp: "198.51.100.82", publicIp: null });
    for (const ip of reachClaims(w)) expect(cidrInside(ip, LAB_CIDR)).toBe(true);
    expect(reachNode(w, "reach-podman").runtime).toBe("podman");
    expect(reachNode(w, "services").sshd).toBe("none");
    expect(reachNode(w, "vm-54782-blocked").rerunJobPort).toBe(54782);
  });
  it("refuses when the clients leave no room", () => {
    expect(() => planReach(120, "/tmp/x")).toThrow(/at most 117 clients fit/);
    expect(() => planReach(117, "/tmp/x")).not.toThrow();
  });
  it("filters on the receiving side only, from the chosen sources", () => {
    const rules = Object.fromEntries(w.nodes.map((n) => [n.node.name, n.rules.map((r) => r.join(" "))]));
    expect(rules["reach-vantage-filtered"]).toEqual(["-A INPUT -s 198.51.100.82 -p tcp --dport 64535:65535 -j DROP"]);
    expect(rules["services"]).toEqual([
      "-A INPUT -s 198.51.100.80 -p tcp --dport 8585 -j DROP",
      "-A INPUT -s 198.51.100.208 -p tcp --dport 8585 -j DROP",
    ]);
    expect(rules["vm-54782-blocked"]).toEqual(["-A INPUT -p tcp --dport 54782 -j DROP"]);
    expect(
      Object.values(rules)
        .flat()
        .filter((r) => r.includes("OUTPUT")),
    ).toEqual([]);
  });
  it("routes /32s only, never a default route", () => {
    const host = reachHostBatch(w);
    expect(host).toContain("route add 198.51.100.82/32 dev rdlab0 src 198.51.100.1");
    const ns = reachNamespaceBatch(w, w.nodes[0]!);
    expect(ns).toContain("route add 198.51.100.1/32 dev eth0");
    expect(ns).toContain("route add 198.51.100.82/32 dev eth0");
    expect(ns).not.toContain("route add 198.51.100.78/32");
    for (const n of w.nodes)
      for (const l of reachNamespaceBatch(w, n)
        .split("\n")
        .filter((x) => x.startsWith("route")))
        expect(l).toMatch(/^route add 198\.51\.100\.\d+\/32 dev eth0$/);
    expect(host + ns).not.toMatch(/default|192\.0\.2|203\.0\.113/);
  });
  it("writes an inventory with vantages, services and machines, and known_hosts for every sshd", () => {
    const inv = parse(renderReachInventory(w, { identityFile: "/k", knownHostsFile: "/kh" })) as Record<string, unknown>;
    expect(inv).toMatchObject({
      clients: [
        { name: "reach-healthy" },
        { name: "reach-vantage-filtered" },
        { name: "reach-services-blocked" },
        { name: "reach-podman" },
      ],
      vantages: [{ name: "office-vantage", host: "198.51.100.82", port: 22 }],
      services: { host: "198.51.100.83" },
      machines: [
        { name: "vm-open", host: "198.51.100.84" },
        { name: "vm-54782-blocked", host: "198.51.100.85" },
      ],
    });
    expect(inv.rerun).toBeUndefined();
    const kh = renderReachKnownHosts(w, () => `${KEY} c`).split("\n");
    expect(kh).toContain(`[198.51.100.85]:54782 ${KEY}`);
    expect(kh).toContain(`198.51.100.206 ${KEY}`);
    expect(kh.some((l) => l.startsWith("198.51.100.83 "))).toBe(false);
  });
  it("is a flag of up only", () => {
    expect(parseArgs(["up", "--reach"]).reach).toBe(true);
    expect(() => parseArgs(["down", "--reach"])).toThrow(/takes no/);
  });
});
