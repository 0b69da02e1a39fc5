import { execFileSync } from "node:child_process";
import { copyFileSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { loadAuth } from "./auth";
import { SshConfigError } from "./errors";
import { openSession } from "./open-session";
import { serverPerFile } from "./test-fixture";
import { fixtureKey } from "./test-server";

const hostKey = fixtureKey("host-a");
const clientKey = fixtureKey("client");
const ssh = serverPerFile({ hostKey, clientKey });
beforeEach(() => {
  vi.stubEnv("RD_TEST_PASSPHRASE", "correct horse");
  ssh.fx.trust([[ssh.server.port, hostKey]]);
});

/** The fixture client key, encrypted with `passphrase` (a fresh bcrypt salt each time). */
function encryptedClientKey(name: string, passphrase = "correct horse"): string {
  const file = join(ssh.fx.dir, name);
  copyFileSync(ssh.fx.keyFile, file);
  execFileSync("ssh-keygen", ["-q", "-p", "-a", "4", "-N", passphrase, "-f", file], { stdio: "ignore" });
  return file;
}

describe("an encrypted identity key", () => {
  it("is decrypted once per process and handed to ssh2 without its passphrase", async () => {
    const file = encryptedClientKey("id_once");
    // Two settings objects, as two runs of the dashboard load the inventory twice.
    const first = await loadAuth(ssh.fx.settings({ identityFile: file, passphraseEnv: "RD_TEST_PASSPHRASE" }));
    const second = await loadAuth(ssh.fx.settings({ identityFile: file, passphraseEnv: "RD_TEST_PASSPHRASE" }));
    expect(first.privateKey).toBeDefined();
    expect(second.privateKey).toBe(first.privateKey);
    expect(first).not.toHaveProperty("passphrase");

    const result = await openSession(
      ssh.fx.target(ssh.server.port),
      ssh.fx.settings({ identityFile: file, passphraseEnv: "RD_TEST_PASSPHRASE" }),
    );
    expect(result.ok).toBe(true);
    if (result.ok) result.session.end();
  });

  it("is read and decrypted again once its file changed", async () => {
    const file = encryptedClientKey("id_rewritten");
    const settings = { identityFile: file, passphraseEnv: "RD_TEST_PASSPHRASE" };
    const before = await loadAuth(ssh.fx.settings(settings));
    encryptedClientKey("id_rewritten", "battery staple");
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const err = await loadAuth(ssh.fx.settings(settings)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshConfigError);
    vi.stubEnv("RD_TEST_PASSPHRASE", "battery staple");
    const after = await loadAuth(ssh.fx.settings(settings));
    expect(after.privateKey).not.toBe(before.privateKey);
  });

  it("is never served from memory for another passphrase", async () => {
    const file = encryptedClientKey("id_passphrase");
    await loadAuth(ssh.fx.settings({ identityFile: file, passphraseEnv: "RD_TEST_PASSPHRASE" }));
    vi.stubEnv("RD_TEST_PASSPHRASE", "battery staple");
    const err = await loadAuth(ssh.fx.settings({ identityFile: file, passphraseEnv: "RD_TEST_PASSPHRASE" })).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/passphrase from \$RD_TEST_PASSPHRASE does not open it/);
  });
});
