import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadAuth } from "./auth";
import { openSession } from "./open-session";
import { SshConfigError } from "./errors";
import { createFixture, eventually, type Fixture } from "./test-fixture";
import { fixtureKey, startTestServer, type TestServer } from "./test-server";

const hostKey = fixtureKey("host-a");
const clientKey = fixtureKey("client");
let fx: Fixture;
let server: TestServer;
let agent: ChildProcess | undefined;
let agentSock: string;

beforeAll(async () => {
  fx = createFixture(clientKey);
  server = await startTestServer({ hostKey, clientKey });
  // A real ssh-agent holding only the client key, reached through SSH_AUTH_SOCK.
  agentSock = join(fx.dir, "agent.sock");
  agent = spawn("ssh-agent", ["-D", "-a", agentSock], { stdio: "ignore" });
  await eventually(() => existsSync(agentSock));
  execFileSync("ssh-add", [fx.keyFile], { env: { ...process.env, SSH_AUTH_SOCK: agentSock }, stdio: "ignore" });
});
afterAll(async () => {
  if (agent?.pid) process.kill(agent.pid);
  await server.close();
  fx.cleanup();
});
beforeEach(() => {
  vi.stubEnv("SSH_AUTH_SOCK", "");
  fx.trust([[server.port, hostKey]]);
});

// ssh-keygen, not ssh2's generator: about 1 in 500 of ssh2's encrypted keys is unreadable.
function encryptedKeyFile(passphrase: string): string {
  const file = join(fx.dir, `id_encrypted_${Math.random().toString(36).slice(2)}`);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-a", "4", "-N", passphrase, "-f", file], { stdio: "ignore" });
  return file;
}

describe("identity file", () => {
  it("opens an encrypted key with the passphrase from the named env variable", async () => {
    const file = encryptedKeyFile("correct horse");
    vi.stubEnv("RD_TEST_PASSPHRASE", "correct horse");
    const auth = await loadAuth({ ...fx.settings(), identityFile: file, passphraseEnv: "RD_TEST_PASSPHRASE" });
    expect(auth.methods).toEqual(["publickey"]);
    expect(auth.privateKey?.type).toBe("ssh-ed25519");
    expect(auth).not.toHaveProperty("passphrase");
  });

  it("names the file and the variable but never the passphrase when it is wrong", async () => {
    const file = encryptedKeyFile("correct horse");
    vi.stubEnv("RD_TEST_PASSPHRASE", "battery staple");
    const err = await loadAuth({ ...fx.settings(), identityFile: file, passphraseEnv: "RD_TEST_PASSPHRASE" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshConfigError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain("$RD_TEST_PASSPHRASE");
    expect((err as Error).message).not.toContain("battery");
  });

  it("rejects a public key given as identity file", async () => {
    const file = join(fx.dir, "id.pub");
    writeFileSync(file, clientKey.publicLine);
    await expect(loadAuth({ ...fx.settings(), identityFile: file })).rejects.toThrow(file);
  });

  it("needs a key or an agent", async () => {
    await expect(loadAuth({ ...fx.settings(), identityFile: undefined })).rejects.toThrow(/SSH_AUTH_SOCK/);
    vi.stubEnv("SSH_AUTH_SOCK", agentSock);
    await expect(loadAuth(fx.settings({ identityFile: undefined, useAgent: false }))).rejects.toThrow(/useAgent is false/);
  });
});

describe("ssh-agent", () => {
  it("authenticates with the agent alone", async () => {
    vi.stubEnv("SSH_AUTH_SOCK", agentSock);
    const result = await openSession(fx.target(server.port), fx.settings({ identityFile: undefined }));
    expect(result.ok).toBe(true);
    if (result.ok) result.session.end();
  });

  it("with an identity file, never offers agent keys unless ssh.useAgent says so", async () => {
    const stranger = createFixture(fixtureKey("stranger"));
    try {
      vi.stubEnv("SSH_AUTH_SOCK", agentSock);
      const auth = await loadAuth(fx.settings({ identityFile: stranger.keyFile }));
      expect(auth).toMatchObject({ methods: ["publickey"], agent: undefined });
      const attempts = server.authAttempts.length;
      const result = await openSession(fx.target(server.port), fx.settings({ identityFile: stranger.keyFile }));
      expect(result.ok ? null : result.failure.kind).toBe("auth-failed");
      expect(server.authAttempts.slice(attempts).filter((m) => m === "publickey").length).toBe(1);
    } finally {
      stranger.cleanup();
    }
  });

  it("with ssh.useAgent: true, falls back to the agent when the identity file's key is refused", async () => {
    const stranger = createFixture(fixtureKey("stranger"));
    try {
      vi.stubEnv("SSH_AUTH_SOCK", agentSock);
      const attempts = server.authAttempts.length;
      const result = await openSession(fx.target(server.port), fx.settings({ identityFile: stranger.keyFile, useAgent: true }));
      expect(result.ok).toBe(true);
      if (result.ok) result.session.end();
      expect(server.authAttempts.slice(attempts).filter((m) => m === "publickey").length).toBeGreaterThanOrEqual(2);

      vi.stubEnv("SSH_AUTH_SOCK", "");
      const unset = await loadAuth(fx.settings({ identityFile: stranger.keyFile, useAgent: true })).catch((e: unknown) => e);
      expect(unset).toBeInstanceOf(SshConfigError);
      expect((unset as Error).message).toBe("ssh.useAgent is true and SSH_AUTH_SOCK is not set");
    } finally {
      stranger.cleanup();
    }
  });
});
