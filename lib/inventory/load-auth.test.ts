import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Env } from "./expand";
import { parseInventory } from "./load";
import { problemsOf } from "./test-problems";

const FILE = "/etc/rerun-doctor/fleet.yaml";
const KEYS = mkdtempSync(join(tmpdir(), "rd-keys-"));
writeFileSync(join(KEYS, "id_ed25519"), "not a real key: only its existence is checked here\n");
afterAll(() => rmSync(KEYS, { recursive: true, force: true }));

const CLIENTS = "clients:\n  - {name: a, host: h}\n";
const withKey = (extra = ""): string => `ssh:\n  identityFile: \${KEYS}/id_ed25519\n${extra}${CLIENTS}`;
const agentOnly = (extra = ""): string => `ssh:\n  user: u\n${extra}${CLIENTS}`;
const useAgentOf = (text: string, env: Env) => parseInventory(text, FILE, { KEYS, ...env }).ssh.useAgent;

describe("ssh.useAgent", () => {
  it("defaults to the agent only when no identityFile is given, as inventories without it always behaved", () => {
    expect(useAgentOf(agentOnly(), { SSH_AUTH_SOCK: "/agent" })).toBe(true);
    expect(useAgentOf(withKey(), { SSH_AUTH_SOCK: "/agent" })).toBe(false);
    expect(useAgentOf(withKey(), {})).toBe(false);
  });

  it("is read as written", () => {
    expect(useAgentOf(withKey("  useAgent: true\n"), { SSH_AUTH_SOCK: "/agent" })).toBe(true);
    expect(useAgentOf(withKey("  useAgent: false\n"), { SSH_AUTH_SOCK: "/agent" })).toBe(false);
  });

  it("names file, line and field when it is true but SSH_AUTH_SOCK is unset", () => {
    expect(problemsOf(withKey("  useAgent: true\n"), FILE, { KEYS })).toEqual([
      "fleet.yaml:3: ssh.useAgent: is true but SSH_AUTH_SOCK is not set (start an ssh-agent, or set useAgent: false)",
    ]);
    expect(problemsOf(withKey("  useAgent: true\n"), FILE, { KEYS, SSH_AUTH_SOCK: " " })).toHaveLength(1);
  });

  it("names file, line and field when it is false and there is no identityFile, or not a boolean", () => {
    expect(problemsOf(agentOnly("  useAgent: false\n"), FILE, { SSH_AUTH_SOCK: "/agent" })).toEqual([
      "fleet.yaml:3: ssh.useAgent: is false and no ssh.identityFile is set, so no key could be offered",
    ]);
    expect(problemsOf(withKey('  useAgent: "yes"\n'), FILE, { KEYS })).toEqual(["fleet.yaml:3: ssh.useAgent: must be true or false"]);
  });
});
