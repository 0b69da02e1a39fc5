import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fingerprint } from "./fingerprint";
import { openSession } from "./open-session";
import { createFixture, eventually, liveHandles, settledHandles, type Fixture } from "./test-fixture";
import { closedPort, fixtureKey, startSilentServer, startTestServer, type TestServer } from "./test-server";

const clientKey = fixtureKey("client");
const jumpKey = fixtureKey("host-a");
const targetKey = fixtureKey("host-b");
const BLACKHOLE = 9;
let fx: Fixture;
let jump: TestServer;
let target: TestServer;

beforeAll(async () => {
  fx = createFixture(clientKey);
  jump = await startTestServer({ hostKey: jumpKey, clientKey, forwarding: true, blackholePorts: [BLACKHOLE] });
  target = await startTestServer({ hostKey: targetKey, clientKey });
});
afterAll(async () => {
  await Promise.all([jump.close(), target.close()]);
  fx.cleanup();
});
beforeEach(() => {
  vi.stubEnv("SSH_AUTH_SOCK", "");
  fx.trust([
    [jump.port, jumpKey],
    [target.port, targetKey],
  ]);
});

const viaJump = (over: { connectTimeoutMs?: number } = {}) =>
  fx.settings({ jumpHost: { host: "127.0.0.1", port: jump.port, user: "root" }, ...over });

describe("jump host", () => {
  it("reaches the target through the jump host's direct-tcpip channel", async () => {
    const before = await settledHandles();
    const result = await openSession(fx.target(target.port), viaJump());
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.hostKeyFingerprint).toBe(fingerprint(targetKey.blob));
    expect(jump.forwardRequests).toContain(`127.0.0.1:${target.port}`);
    const r = await result.session.exec("uname", { timeoutMs: 2000, maxBytes: 100 });
    expect(r.stdout.toString()).toBe("ran: uname\n");
    expect(target.execCommands).toContain("uname");
    expect(jump.execCommands).not.toContain("uname");
    result.session.end();
    expect(await eventually(() => liveHandles() <= before)).toBe(true);
  });

  it("verifies the jump host's key too and says the jump host failed", async () => {
    fx.trust([[target.port, targetKey]]);
    const attempts = jump.authAttempts.length;
    const result = await openSession(fx.target(target.port), viaJump());
    expect(result.ok ? null : result.failure).toMatchObject({
      kind: "protocol-error",
      message: expect.stringMatching(/^jump host: host key SHA256:/),
    });
    expect(jump.authAttempts.length).toBe(attempts);
  });

  it("reports an unreachable jump host as such", async () => {
    const result = await openSession(
      fx.target(target.port),
      fx.settings({ jumpHost: { host: "127.0.0.1", port: await closedPort(), user: "root" } }),
    );
    expect(result.ok ? null : result.failure).toMatchObject({
      kind: "unreachable",
      reason: "refused",
      message: expect.stringMatching(/^jump host:/),
    });
  });

  it("maps a target the jump host cannot connect to as unreachable/refused", async () => {
    const port = await closedPort();
    const result = await openSession(fx.target(port), viaJump());
    expect(result.ok ? null : result.failure).toMatchObject({
      kind: "unreachable",
      reason: "refused",
      message: expect.stringContaining("via jump host"),
    });
  });

  it("maps a target that never answers behind the jump host as unreachable/timeout", async () => {
    const started = Date.now();
    const result = await openSession(fx.target(BLACKHOLE), viaJump({ connectTimeoutMs: 500 }));
    expect(result.ok ? null : result.failure).toMatchObject({
      kind: "unreachable",
      reason: "timeout",
      message: expect.stringContaining("500 ms"),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
  });

  it("maps a silent sshd behind the jump host as handshake-timeout", async () => {
    const silent = await startSilentServer();
    const result = await openSession(fx.target(silent.port), viaJump({ connectTimeoutMs: 500 }));
    await silent.close();
    expect(result.ok ? null : result.failure.kind).toBe("handshake-timeout");
  });
});

describe("forwardOut", () => {
  it("tells open, closed and filtered ports apart", async () => {
    const result = await openSession(fx.target(jump.port), fx.settings());
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    const { session } = result;
    const open = await session.forwardOut("127.0.0.1", target.port, 1000);
    const closed = await session.forwardOut("127.0.0.1", await closedPort(), 1000);
    const filtered = await session.forwardOut("127.0.0.1", BLACKHOLE, 200);
    expect(open).toMatchObject({ state: "open", reason: "syn-ack" });
    expect(closed).toMatchObject({ state: "closed", reason: "conn-refused" });
    expect(filtered).toEqual({ state: "filtered", reason: "no-response", rttMs: 200 });
    expect(open.rttMs).toBeGreaterThan(0);
    session.end();
    await expect(session.forwardOut("127.0.0.1", target.port, 200)).rejects.toThrow(/ended/);
  });
});
