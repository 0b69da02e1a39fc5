import { describe, expect, it } from "vitest";
import { parseInventory } from "./load";
import { problemsOf } from "./test-problems";

const FILE = "/etc/rerun-doctor/fleet.yaml";
const ENV = { SSH_AUTH_SOCK: "/agent" };
const HEAD = "ssh:\n  user: ubuntu\nclients:\n  - {name: a, host: 10.0.1.12}\n";
const problems = (text: string) => problemsOf(text, FILE, ENV);

describe("parseInventory: users and nomad.via", () => {
  it("reads the users' networks, and leaves them null when absent", () => {
    expect(parseInventory(`${HEAD}users:\n  cidrs: [10.20.0.0/16, 198.51.100.7/32]\n`, FILE, ENV).users).toEqual({
      cidrs: ["10.20.0.0/16", "198.51.100.7/32"],
    });
    expect(parseInventory(HEAD, FILE, ENV).users).toBeNull();
  });

  it("names file, line and field for a bad or overlong users list", () => {
    expect(problems(`${HEAD}users:\n  cidrs:\n    - 10.20.0.0/16\n    - "10.0.0.1; reboot"\n`)).toEqual([
      "fleet.yaml:8: users.cidrs[1]: must be an IPv4 CIDR like 10.0.0.0/16",
    ]);
    const many = Array.from({ length: 9 }, (_, i) => `10.${i}.0.0/16`).join(", ");
    expect(problems(`${HEAD}users:\n  cidrs: [${many}]\n`)).toEqual(["fleet.yaml:6: users.cidrs: at most 8 CIDRs"]);
    expect(problems(`${HEAD}users:\n  cidrs: []\n`)).toEqual(["fleet.yaml:6: users.cidrs: list at least one CIDR"]);
  });

  it("reads nomad.via with allowCidrs, without a server address", () => {
    const inv = parseInventory(`${HEAD}nomad:\n  via: a\n  allowCidrs: [10.0.0.0/16]\n`, FILE, ENV);
    expect(inv.nomad).toMatchObject({ via: "a", address: undefined, allowCidrs: ["10.0.0.0/16"] });
  });

  it("refuses a via naming no client, a via without allowCidrs, and a nomad section with neither address nor via", () => {
    expect(problems(`${HEAD}nomad:\n  via: b\n  allowCidrs: [10.0.0.0/16]\n`)).toEqual([
      'fleet.yaml:6: nomad.via: no client named "b" in clients',
    ]);
    expect(problems(`${HEAD}nomad:\n  via: a\n`)).toEqual([
      "fleet.yaml:6: nomad.via: set nomad.allowCidrs too: nodes listed by a client's agent are inspected only inside them",
    ]);
    expect(problems(`${HEAD}nomad:\n  allowCidrs: [10.0.0.0/16]\n`)).toEqual(["fleet.yaml:6: nomad: set nomad.address, nomad.via or both"]);
  });
});
