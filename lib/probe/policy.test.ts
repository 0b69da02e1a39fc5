import { describe, expect, it } from "vitest";
import { inCidr, specialUse } from "../common/ipv4";
import { probePolicy, type ProbeAuthority } from "./policy";

const inventoryHost: ProbeAuthority = { vouched: ["10.0.1.12"], allowCidrs: [], ownNetworks: ["172.31.0.0/20"] };

describe("probePolicy: what the client cannot fake", () => {
  it("probes the inventory host's own address and what Nomad fingerprinted, private or not", () => {
    expect(probePolicy("10.0.1.12", inventoryHost)).toEqual({ ok: true });
    expect(probePolicy("10.0.1.99", { ...inventoryHost, vouched: ["10.0.1.12", "10.0.1.99"] })).toEqual({ ok: true });
  });

  it("probes a globally routable address the client reports (its public IP), the everyday case", () => {
    expect(probePolicy("54.224.97.243", inventoryHost)).toEqual({ ok: true });
  });

  it("refuses a private, CGNAT, loopback or documentation address only the client reports", () => {
    for (const address of ["10.0.9.9", "172.16.0.5", "192.168.1.1", "100.64.0.1", "127.0.0.1", "198.51.100.127"]) {
      const decision = probePolicy(address, inventoryHost);
      expect(decision.ok, address).toBe(false);
      expect(decision.ok ? "" : decision.reason, address).toMatch(/only the client itself reports/);
    }
  });

  it("refuses the dashboard's own network, and what no one may ever probe even when allowed", () => {
    expect(probePolicy("172.31.3.4", { ...inventoryHost, ownNetworks: ["172.31.0.0/20"] }).ok).toBe(false);
    for (const address of ["169.254.169.254", "224.0.0.1", "0.0.0.0"]) {
      expect(probePolicy(address, { ...inventoryHost, allowCidrs: ["0.0.0.0/0"] }).ok).toBe(false);
    }
    expect(probePolicy("not-an-ip", inventoryHost).ok).toBe(false);
  });

  it("lets probe.allowCidrs declare a private or documentation range the admin's own", () => {
    expect(probePolicy("10.0.9.9", { ...inventoryHost, allowCidrs: ["10.0.0.0/16"] })).toEqual({ ok: true });
    expect(probePolicy("198.51.100.200", { ...inventoryHost, allowCidrs: ["198.51.100.128/25"] })).toEqual({ ok: true });
    expect(probePolicy("198.51.100.127", { ...inventoryHost, allowCidrs: ["198.51.100.128/25"] }).ok).toBe(false);
  });

  it("matches CIDRs exactly and names special-use ranges", () => {
    expect(inCidr("198.51.100.127", "198.51.100.0/25")).toBe(true);
    expect(inCidr("198.51.100.128", "198.51.100.0/25")).toBe(false);
    expect(inCidr("1.2.3.4", "0.0.0.0/0")).toBe(true);
    expect(specialUse("100.127.255.255")).toBe("carrier-grade NAT (RFC 6598)");
    expect(specialUse("8.8.8.8")).toBeNull();
  });
});
