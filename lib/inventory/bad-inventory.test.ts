// Hostile and broken inventories: each problem is an AppError line naming file, line and field.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../common/app-error";
import { loadInventory, parseInventory } from "./load";
import { problemsOf } from "./test-problems";

const DIR = mkdtempSync(join(tmpdir(), "rd-bad-inv-"));
const FILE = join(DIR, "fleet.yaml");
writeFileSync(join(DIR, "id_ed25519"), "only its existence is checked here\n");
const ENV = { KEYS: DIR };
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const HEAD = "ssh:\n  user: ubuntu\n  identityFile: ${KEYS}/id_ed25519\n";

const problems = (text: string) => problemsOf(text, FILE, ENV);

describe("a bad inventory", () => {
  it("rejects YAML syntax errors and a key written twice, naming the file, the line and the parser's reason", () => {
    expect(problems(`${HEAD}clients:\n  - name: a\n    host: [10.0.0.1\n`)[0]).toMatch(/^fleet\.yaml:[5-7]: /);
    expect(problems(`${HEAD}clients:\n  - name: a\n   host: 10.0.0.1\n`)[0]).toMatch(/^fleet\.yaml:[5-7]: /);
    expect(problems(`${HEAD}  user: root\nclients:\n  - {name: a, host: h}\n`)).toEqual([
      expect.stringMatching(/^fleet\.yaml:4: Map keys must be unique/),
    ]);
  });

  it("names each field of the wrong type, on its own line", () => {
    const text =
      `${HEAD}  connectTimeoutMs: fast\nrerun:\n  ports: [64535]\nclients:\n  - name: a\n    host: 10.0.0.1\n    port: ` +
      `twenty-two\n  - name: 7\n    host: {ip: 10.0.0.2}\n`;
    expect(problems(text)).toEqual([
      expect.stringMatching(/^fleet\.yaml:4: ssh\.connectTimeoutMs: /),
      expect.stringMatching(/^fleet\.yaml:6: rerun\.ports: /),
      "fleet.yaml:10: clients[0].port: must be a port number",
      expect.stringMatching(/^fleet\.yaml:11: clients\[1\]\.name: /),
      expect.stringMatching(/^fleet\.yaml:12: clients\[1\]\.host: /),
    ]);
    expect(problems(`${HEAD}clients: nomad-client-1\n`)).toEqual([expect.stringMatching(/^fleet\.yaml:4: clients: /)]);
  });

  it("names a duplicate client name on the line of the second one", () => {
    expect(problems(`${HEAD}clients:\n  - name: a\n    host: 10.0.0.1\n  - name: a\n    host: 10.0.0.2\n`)).toEqual([
      'fleet.yaml:7: clients[1].name: duplicate name "a" (also clients[0])',
    ]);
  });

  it.each([
    ["; rm -rf /"],
    ["$(reboot)"],
    ["`reboot`"],
    ["h1 && reboot"],
    ["-oProxyCommand=sh"],
    ["h|nc x 1"],
    ["h\nreboot"],
    ["../../etc"],
  ])("rejects the host %j as no host name or IP address", (host) => {
    expect(problems(`${HEAD}clients:\n  - name: a\n    host: ${JSON.stringify(host)}\n`)).toEqual([
      "fleet.yaml:6: clients[0].host: must be a host name or an IP address",
    ]);
  });

  it("rejects shell metacharacters in a client's name, a user and a jump host", () => {
    expect(problems(`${HEAD}  jumpHost: {host: "$(id)"}\nclients:\n  - name: "a;b"\n    host: h\n    user: "root$(id)"\n`)).toEqual([
      "fleet.yaml:4: ssh.jumpHost.host: must be a host name or an IP address",
      "fleet.yaml:6: clients[0].name: must be letters, digits, '.', '_' or '-'",
      "fleet.yaml:8: clients[0].user: must be a user name",
    ]);
  });

  it("names a key path that does not exist, resolved from the inventory's folder", () => {
    expect(problems("ssh:\n  identityFile: keys/missing_key\nclients:\n  - {name: a, host: h}\n")).toEqual([
      `fleet.yaml:2: ssh.identityFile: ${join(DIR, "keys/missing_key")} does not exist`,
    ]);
  });

  it("names an unreadable inventory file", () => {
    expect(() => loadInventory(join(DIR, "absent.yaml"), ENV)).toThrow(AppError);
    try {
      loadInventory(join(DIR, "absent.yaml"), ENV);
    } catch (error) {
      expect((error as AppError).problems).toEqual([`${join(DIR, "absent.yaml")}: cannot read: ENOENT`]);
    }
  });

  it("warns of an unknown key, by line and field, and never lets it reach the engine", () => {
    const inventory = parseInventory(`${HEAD}  proxyCommand: "nc %h %p"\nclients:\n  - {name: a, host: h, command: reboot}\n`, FILE, ENV);
    expect(inventory.ssh).not.toHaveProperty("proxyCommand");
    expect(inventory.clients[0]).not.toHaveProperty("command");
    expect(inventory.warnings).toEqual([
      "fleet.yaml:4: ssh.proxyCommand: unknown key, ignored",
      "fleet.yaml:6: clients[0].command: unknown key, ignored",
    ]);
  });
});
