// ssh2 cannot verify host certificates: a host known only through @cert-authority is refused, never pinned.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { HostKeyPolicy } from "../inventory/types";
import { fingerprint } from "./fingerprint";
import { openSession } from "./open-session";
import { serverPerFile } from "./test-fixture";
import { fixtureKey, type KeyPair } from "./test-server";

const hostKey = fixtureKey("host-a");
const caKey = fixtureKey("host-c");
const clientKey = fixtureKey("client");
const ssh = serverPerFile({ hostKey, clientKey });

const caLine = (key: KeyPair): string => `@cert-authority [127.0.0.1]:${ssh.server.port} ssh-ed25519 ${key.blob.toString("base64")}`;

describe("a host known_hosts vouches for only with @cert-authority", () => {
  it.each<[HostKeyPolicy]>([["strict"], ["accept-new"]])(
    "is refused under %s before authenticating, naming the line, and is not pinned",
    async (policy) => {
      const text = `# fleet CA\n${caLine(caKey)}\n`;
      writeFileSync(ssh.fx.knownHosts, text);
      const pinned = vi.fn();
      const attempts = ssh.server.authAttempts.length;
      const result = await openSession(ssh.fx.target(ssh.server.port), ssh.fx.settings({ hostKeyPolicy: policy }), {
        onHostKeyPinned: pinned,
      });
      expect(result.ok ? null : result.failure).toEqual({
        kind: "host-key-unknown",
        presented: fingerprint(hostKey.blob),
        certAuthorityLines: [2],
      });
      expect(readFileSync(ssh.fx.knownHosts, "utf8")).toBe(text);
      expect(pinned).not.toHaveBeenCalled();
      expect(ssh.server.authAttempts.length).toBe(attempts);
    },
  );

  it("never takes the CA's own key for the host key", async () => {
    writeFileSync(ssh.fx.knownHosts, `${caLine(hostKey)}\n`);
    const result = await openSession(ssh.fx.target(ssh.server.port), ssh.fx.settings({ hostKeyPolicy: "accept-new" }));
    expect(result.ok ? null : result.failure).toMatchObject({ kind: "host-key-unknown", certAuthorityLines: [1] });
  });

  it("connects with the host's plain key added beside the CA line", async () => {
    const plain = `[127.0.0.1]:${ssh.server.port} ssh-ed25519 ${hostKey.blob.toString("base64")}`;
    writeFileSync(ssh.fx.knownHosts, `${caLine(caKey)}\n${plain}\n`);
    const result = await openSession(ssh.fx.target(ssh.server.port), ssh.fx.settings());
    expect(result.ok).toBe(true);
    if (result.ok) result.session.end();
  });
});
