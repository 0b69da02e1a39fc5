import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { probePort } from "./connect";
import { FairLimiter } from "./fair-limiter";
import { PROBE_TIMEOUT_FLOOR_MS } from "./rtt";
import { scanRange } from "./scan";
import { closedRange } from "./test-ports";

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

function listen(onConnection: (socket: Socket) => void): Promise<number> {
  return new Promise((resolve) => {
    // The prober may close first (a reset): that is the peer's business, not an uncaught error.
    const server = createServer((socket) => {
      socket.on("error", () => undefined);
      onConnection(socket);
    });
    servers.push(server);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
  });
}

const lane = (capacity = 64) => new FairLimiter(capacity).lane("c1");

describe("scanRange on loopback", () => {
  it("tells open (with its banner escaped) from closed, keeping runs and the open ports only", async () => {
    const open = await listen((socket) => socket.end("SSH-2.0-OpenSSH_9.2\x1b[31m\r\nrest"));
    const range = { from: open, to: open + 3 };
    const result = await scanRange("127.0.0.1", range, { timeoutMs: 1000, sockets: lane() });
    expect(result.open).toEqual([
      expect.objectContaining({ port: open, state: "open", reason: "syn-ack", banner: "SSH-2.0-OpenSSH_9.2\\x1b[31m" }),
    ]);
    expect(result.runs[0]).toEqual({ from: open, to: open, state: "open", reason: "syn-ack" });
    expect(result.counts.open + result.counts.closed + result.counts.filtered).toBe(4);
    expect(result).not.toHaveProperty("ports");
  });

  it("learns the target's RTT: the timeout falls from the hint to the floor once ports answer", async () => {
    const range = await closedRange(200);
    const result = await scanRange("127.0.0.1", range, { timeoutMs: 1500, rttHintMs: 300, sockets: lane() });
    expect(result.counts.closed).toBeGreaterThan(190);
    expect(result.timing).toMatchObject({ initialTimeoutMs: 900, finalTimeoutMs: PROBE_TIMEOUT_FLOOR_MS, probes: expect.any(Number) });
    expect(result.timing!.smoothedRttMs).toBeLessThan(200);
  });

  it("reports an open port that never speaks as open without a banner, after the banner wait", async () => {
    const silent = await listen(() => undefined);
    const started = performance.now();
    const result = await scanRange("127.0.0.1", { from: silent, to: silent }, { timeoutMs: 2000, bannerMs: 200, sockets: lane() });
    expect(result.open[0]).toMatchObject({ state: "open", banner: undefined });
    expect(performance.now() - started).toBeGreaterThanOrEqual(198);
  });

  it("never calls a far host filtered on the fleet's pace: its own patience answers, and every silent port is probed again", async () => {
    // 250 ms away, in a fleet whose nearest host is 1 ms away: no netem here, so the far path is a probe that answers late.
    const rtt = 250;
    const far: typeof probePort = (_address, port, timeoutMs, _bannerMs, done) => {
      const answered = timeoutMs >= rtt;
      const answer = {
        port,
        state: answered ? "closed" : "filtered",
        reason: answered ? "conn-refused" : "no-response",
        rttMs: Math.min(timeoutMs, rtt),
      } as const;
      setTimeout(() => done(answer), answer.rttMs);
    };
    const range = { from: 1000, to: 1063 };
    const result = await scanRange(
      "198.51.100.9",
      range,
      { timeoutMs: 1500, rttHintMs: rtt + 10, fleetRttHintMs: 1, sockets: lane() },
      far,
    );
    // The 32 patient ports answered in the first pass; the 32 that waited the fleet's pace are probed again.
    expect(result.timing).toMatchObject({ initialTimeoutMs: PROBE_TIMEOUT_FLOOR_MS, retried: 32 });
    expect(result.counts).toEqual({ open: 0, closed: 64, filtered: 0 });
  });

  it("sends a silent host's patient sample with the first pass, and its retry before that pass ends", async () => {
    const launches: { port: number; timeoutMs: number; answersBefore: number }[] = [];
    let answers = 0;
    const silent: typeof probePort = (_address, port, timeoutMs, _bannerMs, done) => {
      launches.push({ port, timeoutMs, answersBefore: answers });
      setTimeout(() => {
        answers++;
        done({ port, state: "filtered", reason: "no-response", rttMs: timeoutMs });
      }, timeoutMs);
    };
    const options = { timeoutMs: 1500, rttHintMs: 100, fleetRttHintMs: 1, sockets: lane(256) };
    const result = await scanRange("198.51.100.9", { from: 64535, to: 65535 }, options, silent);
    // 3R of its own connect for the sample, the fleet's floor for the rest, twice the floor for the retry.
    const patient = launches.filter((l) => l.timeoutMs === 300);
    const retries = launches.filter((l) => l.timeoutMs === 2 * PROBE_TIMEOUT_FLOOR_MS);
    expect(new Set(patient.map((l) => l.port)).size).toBe(32);
    expect(patient.every((l) => l.answersBefore === 0)).toBe(true);
    expect(retries.map((l) => l.port).sort()).toEqual(patient.map((l) => l.port).sort());
    const firstRetry = launches.indexOf(retries[0]!);
    expect(launches.slice(firstRetry).some((l) => l.timeoutMs === PROBE_TIMEOUT_FLOOR_MS)).toBe(true);
    expect(result.counts).toEqual({ open: 0, closed: 0, filtered: 1001 });
    expect(result.timing).toMatchObject({ initialTimeoutMs: PROBE_TIMEOUT_FLOOR_MS, retried: 32, probes: 1033 });
  });

  it("rejects when cancelled, so aborted work never becomes an observation", async () => {
    const range = await closedRange(400);
    const controller = new AbortController();
    const scanning = scanRange("127.0.0.1", range, { timeoutMs: 1000, sockets: new FairLimiter(1).lane("c1"), signal: controller.signal });
    controller.abort(new Error("run cancelled"));
    await expect(scanning).rejects.toThrow("run cancelled");
  });

  it("probes nothing for a run cancelled before the scan began", async () => {
    let probed = 0;
    const counting: typeof probePort = (_address, port, _timeoutMs, _bannerMs, done) => {
      probed++;
      done({ port, state: "closed", reason: "conn-refused", rttMs: 1 });
    };
    const signal = AbortSignal.abort(new Error("run cancelled"));
    await expect(
      scanRange("198.51.100.9", { from: 1000, to: 1100 }, { timeoutMs: 1000, sockets: lane(), signal }, counting),
    ).rejects.toThrow("run cancelled");
    expect(probed).toBe(0);
  });
});
