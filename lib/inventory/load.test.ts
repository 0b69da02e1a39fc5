import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Env } from "./expand";
import { parseInventory } from "./load";
import { problemsOf } from "./test-problems";

const FILE = "/etc/rerun-doctor/fleet.yaml";
const KEYS = mkdtempSync(join(tmpdir(), "rd-keys-"));
writeFileSync(join(KEYS, "id_ed25519"), "not a real key: only its existence is checked here\n");
const ENV = { KEYS };
afterAll(() => rmSync(KEYS, { recursive: true, force: true }));

const problems = (text: string, env: Env = ENV) => problemsOf(text, FILE, env);

const HEAD = "ssh:\n  user: ubuntu\n  identityFile: ${KEYS}/id_ed25519\n";

describe("parseInventory", () => {
  it("reads the contract's example with defaults, ~ and ${ENV} expanded", () => {
    const inv = parseInventory(
      `ssh:\n  user: ubuntu\n  identityFile: \${KEYS}/id_ed25519\n  knownHostsFile: ~/.ssh/known_hosts\nrerun:\n  ports: ` +
        `64535-65535\nserver:\n  version: 4.5\nclients:\n  - name: nomad-client-1\n    host: 10.0.1.12\n  - name: c2\n    host: ` +
        `nomad-2.internal\n    port: 2222\n    user: admin\n`,
      FILE,
      ENV,
    );
    expect(inv.ssh.identityFile).toBe(join(KEYS, "id_ed25519"));
    expect(inv.ssh.knownHostsFile).toBe(`${homedir()}/.ssh/known_hosts`);
    expect(inv.ssh.hostKeyPolicy).toBe("strict");
    expect(inv.server.version).toBe("4.5");
    expect(inv.rerun.ports).toEqual({ from: 64535, to: 65535 });
    expect(inv.clients).toEqual([
      { name: "nomad-client-1", host: "10.0.1.12", port: 22, user: "ubuntu", source: "inventory", runtime: "docker" },
      { name: "c2", host: "nomad-2.internal", port: 2222, user: "admin", source: "inventory", runtime: "docker" },
    ]);
  });

  it("names file, line and field for a missing host", () => {
    expect(problems(`${HEAD}clients:\n  - name: a\n    host: 10.0.0.1\n  - name: b\n`)).toEqual([
      "fleet.yaml:7: clients[1].host: required",
    ]);
  });

  it("rejects a host made of shell metacharacters and an out-of-range port, each on its line", () => {
    expect(problems(`${HEAD}clients:\n  - name: a\n    host: "; rm -rf /"\n  - name: b\n    host: h\n    port: 99999\n`)).toEqual([
      "fleet.yaml:6: clients[0].host: must be a host name or an IP address",
      "fleet.yaml:9: clients[1].port: must be from 1 to 65535",
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    expect(problems("ssh:\n  user: [ubuntu\nclients: []\n")[0]).toMatch(/^fleet\.yaml:\d+: /);
  });

  it("rejects duplicate names and duplicate addresses", () => {
    expect(problems(`${HEAD}clients:\n  - {name: a, host: h1}\n  - {name: a, host: h2}\n  - {name: c, host: H1}\n`)).toEqual([
      'fleet.yaml:6: clients[1].name: duplicate name "a" (also clients[0])',
      "fleet.yaml:7: clients[2].host: H1:22 is already clients[0]",
    ]);
  });

  it("rejects a bad port range and an unset env variable in a path", () => {
    expect(problems(`${HEAD}rerun:\n  ports: 65535-64535\nclients:\n  - {name: a, host: h}\n`)).toEqual([
      'fleet.yaml:5: rerun.ports: must be a port range like 64535-65535, got "65535-64535"',
    ]);
    expect(problems(`${HEAD}clients:\n  - {name: a, host: h}\n`, {})).toEqual([
      "fleet.yaml:3: ssh.identityFile: environment variable KEYS is not set",
    ]);
  });

  it("names a key file that does not exist", () => {
    expect(problems("ssh:\n  identityFile: /nonexistent/id_ed25519\nclients:\n  - {name: a, host: h}\n")).toEqual([
      "fleet.yaml:2: ssh.identityFile: /nonexistent/id_ed25519 does not exist",
    ]);
  });

  it("needs a key or an agent, and at least one client", () => {
    expect(problems("ssh:\n  user: u\nclients: []\n", {})).toEqual([
      "fleet.yaml:1: clients: list at least one client (or a nomad: section)",
      "fleet.yaml:2: ssh: set ssh.identityFile or run an ssh-agent (SSH_AUTH_SOCK)",
    ]);
    expect(
      parseInventory("ssh:\n  user: u\nclients:\n  - {name: a, host: h}\n", FILE, { SSH_AUTH_SOCK: "/agent" }).ssh.identityFile,
    ).toBeUndefined();
  });
});
