import { describe, expect, it } from "vitest";
import type { ClientFacts } from "../collect/types";
import { inCidr } from "../common/ipv4";
import { probePolicy } from "./policy";

const probePolicy_ = (address: string, host: string, f: typeof facts, allow: string[]) =>
  probePolicy(address, host, [...f.interfaces, f.imds.publicIpv4.value, f.imds.localIpv4.value], allow);

const facts = {
  interfaces: ["10.0.1.12"],
  imds: { publicIpv4: { status: 200, value: "54.224.97.243" }, localIpv4: { status: 200, value: "10.0.1.12" } },
} as unknown as ClientFacts;

describe("probePolicy", () => {
  it("probes addresses the client corroborates", () => {
    expect(probePolicy_("54.224.97.243", "10.0.1.12", facts, [])).toEqual({ ok: true });
    expect(probePolicy_("10.0.1.12", "nomad-1.internal", facts, [])).toEqual({ ok: true });
  });

  it("refuses an address the client does not own unless an allowed CIDR holds it", () => {
    const stale = probePolicy_("52.1.2.3", "10.0.1.12", facts, []);
    expect(stale.ok).toBe(false);
    expect(probePolicy_("52.1.2.3", "10.0.1.12", facts, ["52.1.0.0/16"])).toEqual({ ok: true });
  });

  it("never probes metadata, multicast or loopback claimed by a remote client", () => {
    for (const address of ["169.254.169.254", "224.0.0.1", "0.0.0.0", "127.0.0.1"]) {
      expect(probePolicy_(address, "10.0.1.12", facts, ["0.0.0.0/0"]).ok).toBe(false);
    }
    expect(probePolicy_("not-an-ip", "10.0.1.12", facts, []).ok).toBe(false);
  });

  it("matches CIDRs exactly", () => {
    expect(inCidr("198.51.100.127", "198.51.100.0/25")).toBe(true);
    expect(inCidr("198.51.100.128", "198.51.100.0/25")).toBe(false);
    expect(inCidr("1.2.3.4", "0.0.0.0/0")).toBe(true);
  });
});
