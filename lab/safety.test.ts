// Host facts as the safety check would read them; these addresses are data, nothing is ever sent to them.
import { describe, expect, it } from "vitest";
import { checkSafety, cidrInside, type HostFacts } from "./safety";
import { aptHosts, parseResolvConf, registryHost } from "./safety-facts";

const clean: HostFacts = {
  addresses: [
    { ifname: "lo", address: "127.0.0.1" },
    { ifname: "eth0", address: "100.64.0.2" },
    { ifname: "rdlab0", address: "198.51.100.1" },
  ],
  routes: [
    { dst: "default", gateway: "100.64.0.1", dev: "eth0" },
    { dst: "100.64.0.0/24", dev: "eth0" },
    { dst: "198.51.100.0/24", type: "unreachable" },
    { dst: "198.51.100.2", dev: "rdlab0" },
    { dst: "198.51.100.1", dev: "rdlab0", type: "local", table: "local" },
  ],
  dnsServers: ["10.255.255.53"],
  registryAddresses: [{ host: "registry.npmjs.org", address: "100.64.9.80" }],
};
const claims = ["198.51.100.1", "198.51.100.2", "198.51.100.130", "198.51.100.127"];

describe("checkSafety", () => {
  it("accepts this machine's usual facts, with a lab already up", () => {
    expect(checkSafety(claims, clean)).toEqual([]);
  });
  it("refuses a claimed address owned by another interface", () => {
    const facts = { ...clean, addresses: [...clean.addresses, { ifname: "eth1", address: "198.51.100.2" }] };
    expect(checkSafety(claims, facts)).toEqual(["198.51.100.2 is already an address of this host (on eth1)"]);
  });
  it("refuses a gateway, also inside multipath routes", () => {
    const facts = { ...clean, routes: [{ dst: "10.0.0.0/8", nexthops: [{ gateway: "198.51.100.130" }] }] };
    expect(checkSafety(claims, facts)).toEqual(["198.51.100.130 is the gateway of the host route 10.0.0.0/8"]);
  });
  it("refuses a DNS server and a registry address", () => {
    const facts = { ...clean, dnsServers: ["198.51.100.127"], registryAddresses: [{ host: "deb.example", address: "198.51.100.1" }] };
    expect(checkSafety(claims, facts)).toEqual([
      "198.51.100.127 is a DNS server in /etc/resolv.conf",
      "198.51.100.1 is an address of the package registry host deb.example",
    ]);
  });
  it("refuses foreign routes inside 198.51.100.0/24 but not wider ones", () => {
    const facts = {
      ...clean,
      routes: [
        ...clean.routes,
        { dst: "198.51.100.64/26", gateway: "100.64.0.9" },
        { dst: "198.51.0.0/16", dev: "eth0" },
        { dst: "198.51.100.0/24", type: "unreachable", table: "7" },
      ],
    };
    expect(checkSafety(claims, facts)).toEqual([
      "a route to 198.51.100.64/26 via 100.64.0.9 exists that the lab did not make",
      "a route to 198.51.100.0/24 (table 7) exists that the lab did not make",
    ]);
  });
});

describe("host fact parsing", () => {
  it("compares CIDRs", () => {
    expect(cidrInside("198.51.100.7", "198.51.100.0/24")).toBe(true);
    expect(cidrInside("198.51.100.0/25", "198.51.100.0/24")).toBe(true);
    expect(cidrInside("198.51.0.0/16", "198.51.100.0/24")).toBe(false);
    expect(cidrInside("198.51.101.1", "198.51.100.0/24")).toBe(false);
    expect(cidrInside("default", "198.51.100.0/24")).toBe(false);
    expect(cidrInside("fe80::/64", "198.51.100.0/24")).toBe(false);
  });
  it("reads nameservers, apt hosts and the registry host", () => {
    expect(parseResolvConf("# x\nnameserver 10.255.255.53\nsearch lan\n nameserver 1.1.1.1\n")).toEqual(["10.255.255.53", "1.1.1.1"]);
    const sources = "Types: deb\n# http://snapshot.debian.org/archive\nURIs: http://deb.debian.org/debian\n";
    const list = "deb [arch=amd64] https://user@mirror.example:8080/debian bookworm main\n#deb http://old.example/ x\n";
    expect(aptHosts([sources, list])).toEqual(["deb.debian.org", "mirror.example"]);
    expect(registryHost("https://registry.npmjs.org/\n")).toBe("registry.npmjs.org");
    expect(registryHost("not a url")).toBeNull();
  });
});
