import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ServerChannel } from "ssh2";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fingerprint } from "./fingerprint";
import { openSession } from "./open-session";
import { type SshSession } from "./types";
import { createFixture, eventually, type Fixture } from "./test-fixture";
import { fixtureKey, startTestServer, type TestServer } from "./test-server";

const FLOOD_BYTES = 10 * 1024 * 1024;
let floodWritten = 0;
let hangClosed = false;

function execHandler(command: string, channel: ServerChannel): void {
  if (command === "hello") {
    channel.write("out\n");
    channel.stderr.write("err\n");
    channel.exit(3);
    channel.end();
  } else if (command === "flood") {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let open = true;
    channel.on("close", () => (open = false));
    const pump = (): void => {
      while (open && floodWritten < FLOOD_BYTES) {
        floodWritten += chunk.length;
        if (!channel.write(chunk)) return void channel.once("drain", pump);
      }
      if (open) channel.end();
    };
    pump();
  } else if (command === "hang") {
    channel.resume(); // ssh2 emits a server channel's 'close' only once its input was read
    channel.on("close", () => (hangClosed = true));
  } else if (command === "drip") {
    // Slow, not hung: a line every 100 ms for a second, then exit.
    let n = 0;
    const timer = setInterval(() => {
      channel.write(`line ${n}\n`);
      if (++n === 10) {
        clearInterval(timer);
        channel.exit(0);
        channel.end();
      }
    }, 100);
    channel.on("close", () => clearInterval(timer));
  } else if (command === "stall") {
    channel.write("started\n");
    channel.resume();
  } else if (command === "cat") {
    const parts: Buffer[] = [];
    channel.on("data", (d: Buffer) => parts.push(d));
    channel.on("end", () => {
      channel.write(Buffer.concat(parts));
      channel.exit(0);
      channel.end();
    });
  }
}

const hostKey = fixtureKey("host-a");
const clientKey = fixtureKey("client");
let fx: Fixture;
let server: TestServer;

beforeAll(async () => {
  fx = createFixture(clientKey);
  server = await startTestServer({ hostKey, clientKey, exec: execHandler });
});
afterAll(async () => {
  await server.close();
  fx.cleanup();
});
beforeEach(() => {
  vi.stubEnv("SSH_AUTH_SOCK", "");
  fx.trust([[server.port, hostKey]]);
});

async function connected(): Promise<SshSession> {
  const result = await openSession(fx.target(server.port), fx.settings());
  if (!result.ok) throw new Error(`expected a session, got ${JSON.stringify(result.failure)}`);
  expect(result.hostKeyFingerprint).toBe(fingerprint(hostKey.blob));
  return result.session;
}

describe("exec", () => {
  it("returns stdout, stderr and the exit code", async () => {
    const session = await connected();
    const r = await session.exec("hello", { timeoutMs: 2000, maxBytes: 1024 });
    session.end();
    session.end();
    expect(r).toMatchObject({ code: 0 + 3, signal: null, truncated: false, timedOut: false });
    expect(r.stdout.toString()).toBe("out\n");
    expect(r.stderr.toString()).toBe("err\n");
    expect(r.channelError).toBeUndefined();
  });

  it("passes stdin and closes it", async () => {
    const session = await connected();
    const r = await session.exec("cat", { timeoutMs: 2000, maxBytes: 1024, stdin: "piped input" });
    session.end();
    expect(r.stdout.toString()).toBe("piped input");
    expect(r.code).toBe(0);
  });

  it("bounds output and stops the command's channel", async () => {
    floodWritten = 0;
    const session = await connected();
    const r = await session.exec("flood", { timeoutMs: 5000, maxBytes: 65536 });
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBe(65536);
    expect(r.timedOut).toBe(false);
    await new Promise((res) => setTimeout(res, 200));
    expect(floodWritten).toBeLessThan(FLOOD_BYTES);
    session.end();
  });

  it("times out a command that never ends and closes its channel", async () => {
    hangClosed = false;
    const session = await connected();
    const started = Date.now();
    const r = await session.exec("hang", { timeoutMs: 300, maxBytes: 1024 });
    expect(r).toMatchObject({ timedOut: "total", code: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(298); // timers may fire a millisecond or two early
    expect(await eventually(() => hangClosed)).toBe(true);
    session.end();
  });

  it("waits for a command that keeps printing, whatever its total time, and times each chunk's arrival", async () => {
    const session = await connected();
    const r = await session.exec("drip", { timeoutMs: 10_000, idleTimeoutMs: 400, maxBytes: 1024 });
    session.end();
    expect(r).toMatchObject({ timedOut: false, code: 0 });
    expect(r.stdout.toString().split("\n")).toHaveLength(11);
    expect(r.durationMs).toBeGreaterThanOrEqual(900);
    expect(r.arrivals.length).toBeGreaterThanOrEqual(2);
    expect(r.arrivals[0]).toEqual({ offset: 0, ms: expect.any(Number) });
    expect(r.arrivals.map((a) => a.offset)).toEqual([...r.arrivals.map((a) => a.offset)].sort((a, b) => a - b));
    expect(r.arrivals.at(-1)!.ms).toBeGreaterThan(r.arrivals[0]!.ms);
  });

  it("gives up on a command that went silent after its idle budget, not its total one", async () => {
    const session = await connected();
    const r = await session.exec("stall", { timeoutMs: 60_000, idleTimeoutMs: 300, maxBytes: 1024 });
    session.end();
    expect(r).toMatchObject({ timedOut: "idle", code: null });
    expect(r.stdout.toString()).toBe("started\n");
    expect(r.durationMs).toBeGreaterThanOrEqual(298);
  });

  it("resolves with a channel error after end(), never rejects", async () => {
    const session = await connected();
    const pending = session.exec("hang", { timeoutMs: 5000, maxBytes: 1024 });
    await new Promise((res) => setTimeout(res, 50));
    session.end();
    expect((await pending).channelError).toMatch(/closed/);
    expect((await session.exec("hello", { timeoutMs: 500, maxBytes: 10 })).channelError).toMatch(/ended/);
  });
});

describe("host keys", () => {
  it("refuses a changed host key before any authentication attempt", async () => {
    const other = fixtureKey("changed");
    fx.trust([[server.port, other]]);
    const attempts = server.authAttempts.length;
    const result = await openSession(fx.target(server.port), fx.settings({ hostKeyPolicy: "accept-new" }));
    expect(result).toEqual({
      ok: false,
      failure: { kind: "host-key-mismatch", presented: fingerprint(hostKey.blob), known: [fingerprint(other.blob)] },
      timings: { tcpMs: expect.any(Number), bannerMs: expect.any(Number), loginMs: null },
    });
    expect(server.authAttempts.length).toBe(attempts);
  });

  it("reports an unknown host under strict", async () => {
    fx.trust([]);
    const result = await openSession(fx.target(server.port), fx.settings());
    expect(result).toEqual({
      ok: false,
      failure: { kind: "host-key-unknown", presented: fingerprint(hostKey.blob) },
      timings: { tcpMs: expect.any(Number), bannerMs: expect.any(Number), loginMs: null },
    });
  });

  it("accepts a hashed [host]:port entry written by ssh-keygen -H", async () => {
    const { execFileSync } = await import("node:child_process");
    execFileSync("ssh-keygen", ["-H", "-f", fx.knownHosts], { stdio: "ignore" });
    expect(readFileSync(fx.knownHosts, "utf8")).toMatch(/^\|1\|/);
    const session = await connected();
    session.end();
  });

  it("pins hashed under accept-new when known_hosts is hashed, and accepts the pin", async () => {
    const { execFileSync } = await import("node:child_process");
    fx.trust([[server.port + 1, hostKey]]);
    execFileSync("ssh-keygen", ["-H", "-f", fx.knownHosts], { stdio: "ignore" });
    const settings = fx.settings({ hostKeyPolicy: "accept-new" });
    const first = await openSession(fx.target(server.port), settings);
    expect(first.ok).toBe(true);
    if (first.ok) first.session.end();
    const lines = readFileSync(fx.knownHosts, "utf8").trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}= ssh-ed25519 /);
    expect(lines.join("\n")).not.toContain("127.0.0.1");
    const again = await openSession(fx.target(server.port), settings, { onHostKeyPinned: () => expect.fail("pinned twice") });
    expect(again.ok).toBe(true);
    if (again.ok) again.session.end();
  });

  it("pins under accept-new, then accepts the pin, then refuses a changed key", async () => {
    const file = join(fx.dir, "fresh", "known_hosts");
    const pinned = vi.fn();
    const settings = fx.settings({ hostKeyPolicy: "accept-new", knownHostsFile: file });
    const [a, b] = await Promise.all([
      openSession(fx.target(server.port), settings, { onHostKeyPinned: pinned }),
      openSession(fx.target(server.port), settings, { onHostKeyPinned: pinned }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(pinned).toHaveBeenCalledTimes(1);
    expect(pinned).toHaveBeenCalledWith("127.0.0.1", server.port, fingerprint(hostKey.blob));
    expect(readFileSync(file, "utf8")).toBe(`[127.0.0.1]:${server.port} ssh-ed25519 ${hostKey.blob.toString("base64")}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const r of [a, b]) if (r.ok) r.session.end();

    const again = await openSession(fx.target(server.port), settings, { onHostKeyPinned: pinned });
    expect(again.ok).toBe(true);
    if (again.ok) again.session.end();
    expect(pinned).toHaveBeenCalledTimes(1);

    const changed = fixtureKey("host-c");
    const impostor = await startTestServer({ hostKey: changed, clientKey });
    fx.trust([[impostor.port, hostKey]], file);
    const refused = await openSession(fx.target(impostor.port), settings, { onHostKeyPinned: pinned });
    await impostor.close();
    expect(refused.ok ? null : refused.failure.kind).toBe("host-key-mismatch");
    expect(impostor.authAttempts).toEqual([]);
  });
});
