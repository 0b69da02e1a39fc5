import { describe, expect, it } from "vitest";
import { parseInventory } from "./load";
import { problemsOf } from "./test-problems";

const FILE = "/etc/rerun-doctor/fleet.yaml";
const ENV = { SSH_AUTH_SOCK: "/agent" };
const HEAD = "ssh:\n  user: ubuntu\nclients:\n  - {name: a, host: 10.0.1.12}\n";

const problems = (text: string) => problemsOf(text, FILE, ENV);

describe("parseInventory: vantages, services, machines, Podman ports", () => {
  it("reads the new keys with their defaults", () => {
    const inv = parseInventory(
      `${HEAD}vantages:\n  - name: office-bastion\n    host: bastion.office.example\n  - name: vpn-box\n    host: 10.8.0.4\n    port: ` +
        `2222\n    user: probe\n    check: {host: 10.0.1.12, port: 22}\nservices:\n  host: services.internal\nmachines:\n  - {name: ` +
        `vm-1, host: 10.0.2.7}\n`,
      FILE,
      ENV,
    );
    expect(inv.vantages).toEqual([
      { name: "office-bastion", host: "bastion.office.example", port: 22, user: "ubuntu" },
      { name: "vpn-box", host: "10.8.0.4", port: 2222, user: "probe", check: { host: "10.0.1.12", port: 22 } },
    ]);
    expect(inv.services).toEqual({ host: "services.internal" });
    expect(inv.machines).toEqual([{ name: "vm-1", host: "10.0.2.7" }]);
    expect(inv.rerun).toEqual({ ports: { from: 64535, to: 65535 }, portsExplicit: false, podmanPorts: { from: 32768, to: 60999 } });
  });

  it("leaves the new keys empty when absent and marks an explicit rerun range", () => {
    const inv = parseInventory(`${HEAD}rerun:\n  ports: 64535-65535\n  podmanPorts: 40000-40100\n`, FILE, ENV);
    expect([inv.vantages, inv.services, inv.machines]).toEqual([[], null, []]);
    expect(inv.rerun).toEqual({ ports: { from: 64535, to: 65535 }, portsExplicit: true, podmanPorts: { from: 40000, to: 40100 } });
  });

  it("names file, line and field for bad vantage, services and machine entries", () => {
    expect(
      problems(
        `${HEAD}vantages:\n  - name: office\n    host: "; nc -l"\n  - name: b2\n    host: h\n    port: 0\nservices:\n  port: ` +
          `4647\nmachines:\n  - {host: 10.0.2.7}\nrerun:\n  podmanPorts: 60999-32768\n`,
      ),
    ).toEqual([
      'fleet.yaml:16: rerun.podmanPorts: must be a port range like 64535-65535, got "60999-32768"',
      "fleet.yaml:7: vantages[0].host: must be a host name or an IP address",
      "fleet.yaml:10: vantages[1].port: must be from 1 to 65535",
      "fleet.yaml:12: services.host: required",
      "fleet.yaml:14: machines[0].name: required",
    ]);
  });

  it("rejects duplicate vantage and machine names on the duplicate's line", () => {
    expect(
      problems(
        `${HEAD}vantages:\n  - {name: v, host: h1}\n  - {name: v, host: h2}\nmachines:\n  - {name: m, host: h3}\n  - {name: m, host: h4}\n`,
      ),
    ).toEqual([
      'fleet.yaml:7: vantages[1].name: duplicate name "v" (also vantages[0])',
      'fleet.yaml:10: machines[1].name: duplicate name "m" (also machines[0])',
    ]);
  });
});
