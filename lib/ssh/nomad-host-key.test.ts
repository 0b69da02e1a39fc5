// Nomad chose these hosts, so their keys are never trusted on first use, whatever ssh.hostKeyPolicy says.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Target } from "../inventory/types";
import { fingerprint } from "./fingerprint";
import { openSession } from "./open-session";
import { serverPerFile } from "./test-fixture";
import { fixtureKey } from "./test-server";

const hostKey = fixtureKey("host-b");
const clientKey = fixtureKey("client");
const ssh = serverPerFile({ hostKey, clientKey });

const discovered = (port: number): Target => ({ ...ssh.fx.target(port), name: "nomad-node", source: "nomad" });

describe("host keys of Nomad-discovered clients", () => {
  it("under accept-new, refuses an unknown key before authenticating and writes no known_hosts", async () => {
    const file = join(ssh.fx.dir, "personal", "known_hosts");
    const pinned = vi.fn();
    const attempts = ssh.server.authAttempts.length;
    const result = await openSession(discovered(ssh.server.port), ssh.fx.settings({ hostKeyPolicy: "accept-new", knownHostsFile: file }), {
      onHostKeyPinned: pinned,
    });
    expect(result.ok ? null : result.failure).toEqual({ kind: "host-key-unknown", presented: fingerprint(hostKey.blob) });
    expect(existsSync(file)).toBe(false);
    expect(pinned).not.toHaveBeenCalled();
    expect(ssh.server.authAttempts.length).toBe(attempts);
  });

  it("connects when known_hosts already knows the key, and leaves the file as it was", async () => {
    ssh.fx.trust([[ssh.server.port, hostKey]]);
    const before = readFileSync(ssh.fx.knownHosts, "utf8");
    const result = await openSession(discovered(ssh.server.port), ssh.fx.settings({ hostKeyPolicy: "accept-new" }));
    expect(result.ok).toBe(true);
    if (result.ok) result.session.end();
    expect(readFileSync(ssh.fx.knownHosts, "utf8")).toBe(before);
  });
});
