// Test helper: temp dirs, key files and settings for sessions against in-process servers.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SshSettings, Target } from "../inventory/types";
import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import { startTestServer, type KeyPair, type TestServer, type TestServerOptions } from "./test-server";

export interface Fixture {
  readonly dir: string;
  readonly keyFile: string;
  readonly knownHosts: string;
  settings(over?: Partial<SshSettings>): SshSettings;
  target(port: number): Target;
  /** Writes `[127.0.0.1]:port type base64` lines for the given keys. */
  trust(entries: readonly (readonly [number, KeyPair])[], file?: string): void;
  cleanup(): void;
}

export function createFixture(clientKey: KeyPair): Fixture {
  const dir = mkdtempSync(join(tmpdir(), "rerun-doctor-ssh-"));
  const keyFile = join(dir, "id_ed25519");
  const knownHosts = join(dir, "known_hosts");
  writeFileSync(keyFile, clientKey.privateKey, { mode: 0o600 });
  return {
    dir,
    keyFile,
    knownHosts,
    settings: (over = {}) => ({
      user: "root",
      identityFile: keyFile,
      knownHostsFile: knownHosts,
      hostKeyPolicy: "strict",
      connectTimeoutMs: 2000,
      commandTimeoutMs: 2000,
      ...over,
    }),
    target: (port) => ({ name: `client-${port}`, host: "127.0.0.1", port, user: "root", source: "inventory" }),
    trust(entries, file = knownHosts) {
      const lines = entries.map(([port, key]) => `[127.0.0.1]:${port} ssh-ed25519 ${key.blob.toString("base64")}`);
      writeFileSync(file, `${lines.join("\n")}\n`);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Socket and timer handles alive now, to compare before and after a batch of sessions. */
export function liveHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "Timeout").length;
}

/** Waits until `predicate` holds or `ms` pass; returns whether it held. */
export async function eventually(predicate: () => boolean, ms = 2000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return predicate();
}

/** liveHandles() once it stopped changing, so sockets other tests are still closing do not count. */
export async function settledHandles(): Promise<number> {
  let last = liveHandles();
  let stable = 0;
  for (let i = 0; i < 100 && stable < 5; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const now = liveHandles();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

/**
 * One in-process sshd and one client fixture for a test file, as ssh2's own tests do: started
 * before its tests, closed after them, and no ssh-agent in reach of any test.
 */
export function serverPerFile(options: TestServerOptions): { readonly fx: Fixture; readonly server: TestServer } {
  const ctx = {} as { fx: Fixture; server: TestServer };
  beforeAll(async () => {
    ctx.fx = createFixture(options.clientKey);
    ctx.server = await startTestServer(options);
  });
  afterAll(async () => {
    await ctx.server.close();
    ctx.fx.cleanup();
  });
  beforeEach(() => vi.stubEnv("SSH_AUTH_SOCK", ""));
  return ctx;
}
