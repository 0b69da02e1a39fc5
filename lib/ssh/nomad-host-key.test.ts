// Nomad chose these hosts, so their keys are never trusted on first use, whatever ssh.hostKeyPolicy says.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Target } from "../inventory/types";
import { fingerprint } from "./fingerprint";
import { openSession } from "./open-session";
import { createFixture, type Fixture } from "./test-fixture";
import { fixtureKey, startTestServer, type TestServer } from "./test-server";

const hostKey = fixtureKey("host-b");
const clientKey = fixtureKey("client");
let fx: Fixture;
let server: TestServer;

beforeAll(async () => {
  fx = createFixture(clientKey);
  server = await startTestServer({ hostKey, clientKey });
});
afterAll(async () => {
  await server.close();
  fx.cleanup();
});
beforeEach(() => vi.stubEnv("SSH_AUTH_SOCK", ""));

const discovered = (port: number): Target => ({ ...fx.target(port), name: "nomad-node", source: "nomad" });

describe("host keys of Nomad-discovered clients", () => {
  it("under accept-new, refuses an unknown key before authenticating and writes no known_hosts", async () => {
    const file = join(fx.dir, "personal", "known_hosts");
    const pinned = vi.fn();
    const attempts = server.authAttempts.length;
    const result = await openSession(discovered(server.port), fx.settings({ hostKeyPolicy: "accept-new", knownHostsFile: file }), {
      onHostKeyPinned: pinned,
    });
    expect(result.ok ? null : result.failure).toEqual({ kind: "host-key-unknown", presented: fingerprint(hostKey.blob) });
    expect(existsSync(file)).toBe(false);
    expect(pinned).not.toHaveBeenCalled();
    expect(server.authAttempts.length).toBe(attempts);
  });

  it("connects when known_hosts already knows the key, and leaves the file as it was", async () => {
    fx.trust([[server.port, hostKey]]);
    const before = readFileSync(fx.knownHosts, "utf8");
    const result = await openSession(discovered(server.port), fx.settings({ hostKeyPolicy: "accept-new" }));
    expect(result.ok).toBe(true);
    if (result.ok) result.session.end();
    expect(readFileSync(fx.knownHosts, "utf8")).toBe(before);
  });
});
