import { describe, expect, it } from "vitest";
import { LocalSocketError, type ProbeDone } from "./connect";
import { FairLimiter } from "./fair-limiter";
import { LOCAL_RETRIES, pump } from "./pump";
import type { PortProbe } from "./types";

const closed = (port: number): PortProbe => ({ port, state: "closed", reason: "conn-refused", rttMs: 1 });
const range = (n: number) => Array.from({ length: n }, (_, i) => 1 + i);

describe("pump", () => {
  it("probes every port once, never more than maxInFlight at once, and frees every slot", async () => {
    const sockets = new FairLimiter(1000);
    let inFlight = 0;
    let peak = 0;
    const answers: number[] = [];
    const probe = (port: number, done: ProbeDone) => {
      peak = Math.max(peak, ++inFlight);
      setTimeout(() => (inFlight--, done(closed(port))), port % 3);
    };
    await pump(range(500), sockets.lane("a"), 16, probe, (a) => answers.push(a.port));
    expect(answers.sort((a, b) => a - b)).toEqual(range(500));
    expect(peak).toBe(16);
    expect(sockets.inUse).toBe(0);
  });

  it("survives probes that answer at once, 200,000 of them, without growing the stack", async () => {
    const sockets = new FairLimiter(64);
    let count = 0;
    await pump(
      range(200_000),
      sockets.lane("a"),
      64,
      (port, done) => done(closed(port)),
      () => count++,
    );
    expect(count).toBe(200_000);
    expect(sockets.inUse).toBe(0);
  });

  it("retries a port this machine could not open a socket for, and answers it once one frees", async () => {
    let failures = 3;
    const answers: PortProbe[] = [];
    const probe = (port: number, done: ProbeDone) => done(failures-- > 0 ? new LocalSocketError("EMFILE") : closed(port));
    await pump([7], new FairLimiter(4).lane("a"), 4, probe, (a) => answers.push(a));
    expect(answers).toEqual([closed(7)]);
  });

  it("rejects with the machine's error when no socket ever frees, and answers no port it did not probe", async () => {
    const sockets = new FairLimiter(4);
    let attempts = 0;
    const answers: PortProbe[] = [];
    const probe = (_port: number, done: ProbeDone) => (attempts++, done(new LocalSocketError("EMFILE")));
    await expect(pump(range(50), sockets.lane("a"), 4, probe, (a) => answers.push(a))).rejects.toThrow("EMFILE");
    expect(answers).toEqual([]);
    expect(attempts).toBeLessThanOrEqual(4 * (LOCAL_RETRIES + 1));
    expect(sockets.inUse).toBe(0);
  });

  it("starts nothing and hands over nothing once aborted, and still returns its slots", async () => {
    const sockets = new FairLimiter(8);
    const controller = new AbortController();
    const started: number[] = [];
    const answers: number[] = [];
    const probe = (port: number, done: ProbeDone) => {
      started.push(port);
      if (port === 5) controller.abort();
      setTimeout(() => done(closed(port)), 2);
    };
    await pump(range(100), sockets.lane("a"), 8, probe, (a) => answers.push(a.port), controller.signal);
    expect(started).toEqual(range(5));
    expect(answers).toEqual([]);
    expect(sockets.inUse).toBe(0);
  });

  it("shares the limiter's slots round robin between two pumps", async () => {
    const sockets = new FairLimiter(2);
    const order: string[] = [];
    const probe = (lane: string) => (port: number, done: ProbeDone) => (order.push(lane), setTimeout(() => done(closed(port)), 1));
    await Promise.all([
      pump(range(6), sockets.lane("dropped"), 6, probe("dropped"), () => undefined),
      pump(range(3), sockets.lane("healthy"), 3, probe("healthy"), () => undefined),
    ]);
    expect(order.slice(0, 2)).toEqual(["dropped", "dropped"]);
    expect(order.lastIndexOf("healthy")).toBeLessThan(order.lastIndexOf("dropped"));
  });
});
