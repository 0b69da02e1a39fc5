// ssh2 cannot verify host certificates: a host known only through @cert-authority is refused, never pinned.
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { HostKeyPolicy } from "../inventory/types";
import { fingerprint } from "./fingerprint";
import { openSession } from "./open-session";
import { createFixture, type Fixture } from "./test-fixture";
import { fixtureKey, startTestServer, type KeyPair, type TestServer } from "./test-server";

const hostKey = fixtureKey("host-a");
const caKey = fixtureKey("host-c");
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

const caLine = (key: KeyPair): string => `@cert-authority [127.0.0.1]:${server.port} ssh-ed25519 ${key.blob.toString("base64")}`;

describe("a host known_hosts vouches for only with @cert-authority", () => {
  it.each<[HostKeyPolicy]>([["strict"], ["accept-new"]])(
    "is refused under %s before authenticating, naming the line, and is not pinned",
    async (policy) => {
      const text = `# fleet CA\n${caLine(caKey)}\n`;
      writeFileSync(fx.knownHosts, text);
      const pinned = vi.fn();
      const attempts = server.authAttempts.length;
      const result = await openSession(fx.target(server.port), fx.settings({ hostKeyPolicy: policy }), { onHostKeyPinned: pinned });
      expect(result.ok ? null : result.failure).toEqual({
        kind: "host-key-unknown",
        presented: fingerprint(hostKey.blob),
        certAuthorityLines: [2],
      });
      expect(readFileSync(fx.knownHosts, "utf8")).toBe(text);
      expect(pinned).not.toHaveBeenCalled();
      expect(server.authAttempts.length).toBe(attempts);
    },
  );

  it("never takes the CA's own key for the host key", async () => {
    writeFileSync(fx.knownHosts, `${caLine(hostKey)}\n`);
    const result = await openSession(fx.target(server.port), fx.settings({ hostKeyPolicy: "accept-new" }));
    expect(result.ok ? null : result.failure).toMatchObject({ kind: "host-key-unknown", certAuthorityLines: [1] });
  });

  it("connects with the host's plain key added beside the CA line", async () => {
    const plain = `[127.0.0.1]:${server.port} ssh-ed25519 ${hostKey.blob.toString("base64")}`;
    writeFileSync(fx.knownHosts, `${caLine(caKey)}\n${plain}\n`);
    const result = await openSession(fx.target(server.port), fx.settings());
    expect(result.ok).toBe(true);
    if (result.ok) result.session.end();
  });
});
