import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { openSession } from "./open-session";
import { SshConfigError } from "./errors";
import { BannerPace, PACE_MIN_SAMPLES } from "./banner-pace";
import { BANNER_FLOOR_MS, bannerWaitMs } from "./patience";
import { createFixture, eventually, liveHandles, settledHandles, serverPerFile } from "./test-fixture";
import { closedPort, fixtureKey, startSilentServer } from "./test-server";

const hostKey = fixtureKey("host-a");
const clientKey = fixtureKey("client");
const ssh = serverPerFile({ hostKey, clientKey });
beforeEach(() => {
  ssh.fx.trust([[ssh.server.port, hostKey]]);
});

describe("failures", () => {
  it("maps a refused key to auth-failed", async () => {
    const stranger = createFixture(fixtureKey("stranger"));
    try {
      const result = await openSession(ssh.fx.target(ssh.server.port), stranger.settings({ knownHostsFile: ssh.fx.knownHosts }));
      expect(result.ok ? null : result.failure.kind).toBe("auth-failed");
    } finally {
      stranger.cleanup();
    }
  });

  it("maps a closed port to unreachable/refused", async () => {
    const result = await openSession(ssh.fx.target(await closedPort()), ssh.fx.settings());
    expect(result.ok ? null : result.failure).toMatchObject({ kind: "unreachable", reason: "refused" });
  });

  it("maps an sshd that accepts TCP but never speaks to handshake-timeout, after its banner budget", async () => {
    const silent = await startSilentServer();
    const started = Date.now();
    const result = await openSession(ssh.fx.target(silent.port), ssh.fx.settings({ connectTimeoutMs: 500 }));
    const elapsed = Date.now() - started;
    await silent.close();
    expect(result.ok ? null : result.failure).toMatchObject({
      kind: "handshake-timeout",
      message: `TCP connected in ${result.timings.tcpMs} ms but sshd sent no SSH banner within ${BANNER_FLOOR_MS} ms`,
    });
    expect(silent.accepted()).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(BANNER_FLOOR_MS - 50);
  });

  it("gives the retry's new connection the same banner budget, and says it was the retry", async () => {
    const silent = await startSilentServer();
    const result = await openSession(ssh.fx.target(silent.port), ssh.fx.settings(), { attempt: 2 });
    await silent.close();
    expect(result.ok ? null : result.failure).toHaveProperty(
      "message",
      expect.stringMatching(new RegExp(`no SSH banner within ${BANNER_FLOOR_MS} ms, on the retry over a new connection`)),
    );
  }, 15_000);

  it("waits for a silent sshd as long as ten of the fleet's usual banners, and feeds the pace with real ones", async () => {
    const pace = new BannerPace();
    for (let i = 0; i < PACE_MIN_SAMPLES; i++) {
      const opened = await openSession(ssh.fx.target(ssh.server.port), ssh.fx.settings(), { pace });
      expect(opened.ok).toBe(true);
      if (opened.ok) opened.session.end();
    }
    const typical = pace.typicalMs()!;
    expect(typical).toBeGreaterThanOrEqual(0);
    const silent = await startSilentServer();
    const result = await openSession(ssh.fx.target(silent.port), ssh.fx.settings(), { pace });
    await silent.close();
    const waited = bannerWaitMs(result.timings.tcpMs, 1, typical);
    expect(result.ok ? null : result.failure).toMatchObject({
      kind: "handshake-timeout",
      message: expect.stringContaining(`no SSH banner within ${waited} ms (the other clients' banners came within`),
    });
  }, 40_000);

  it("rejects with the abort reason when aborted mid-handshake", async () => {
    const silent = await startSilentServer();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("run cancelled")), 100);
    await expect(openSession(ssh.fx.target(silent.port), ssh.fx.settings(), { signal: controller.signal })).rejects.toThrow(
      "run cancelled",
    );
    await silent.close();
  });

  it("throws SshConfigError naming a missing key file", async () => {
    const missing = join(ssh.fx.dir, "no-such-key");
    const err = await openSession(ssh.fx.target(ssh.server.port), ssh.fx.settings({ identityFile: missing })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshConfigError);
    expect((err as Error).message).toContain(missing);
  });

  it("leaves no sockets or timers behind after many sessions and failures", async () => {
    const before = await settledHandles();
    const silent = await startSilentServer();
    const closed = await closedPort();
    const other = fixtureKey("changed");
    // A silent sshd costs a banner budget: wait those out together.
    await Promise.all(Array.from({ length: 5 }, () => openSession(ssh.fx.target(silent.port), ssh.fx.settings())));
    for (let i = 0; i < 5; i++) {
      await openSession(ssh.fx.target(closed), ssh.fx.settings());
      ssh.fx.trust([[ssh.server.port, other]]);
      await openSession(ssh.fx.target(ssh.server.port), ssh.fx.settings());
      ssh.fx.trust([[ssh.server.port, hostKey]]);
      const ok = await openSession(ssh.fx.target(ssh.server.port), ssh.fx.settings());
      if (ok.ok) {
        expect(liveHandles()).toBeGreaterThan(before); // the measure does see an open session
        await ok.session.exec("true", { timeoutMs: 1000, maxBytes: 10 });
        ok.session.end();
      }
    }
    // Measured while the silent server still holds its side open: only our own cleanup closes it.
    expect(await eventually(() => liveHandles() <= before)).toBe(true);
    await silent.close();
  }, 20_000);
});
