import { createServer, connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { bannerWaitMs, BANNER_FLOOR_MS, commandIdleMs, IDLE_FLOOR_MS, loginIdleMs, observeIncoming, silenceWatch } from "./patience";

describe("patience budgets", () => {
  it("start at a floor, grow with what the host showed a step earlier, and double on the retry", () => {
    expect(bannerWaitMs(0.4, 1)).toBe(BANNER_FLOOR_MS);
    expect(bannerWaitMs(null, 2)).toBe(BANNER_FLOOR_MS);
    expect(loginIdleMs(800, 1)).toBe(8000);
    expect(commandIdleMs(1200, 1)).toBe(6000);
    expect(commandIdleMs(1200, 2)).toBe(12_000);
    expect(commandIdleMs(50, 1)).toBe(IDLE_FLOOR_MS);
    expect(commandIdleMs(600_000, 1)).toBe(30_000);
  });
});

/** A connected loopback pair: what `far` writes, `near` receives. */
async function pair(): Promise<{ near: Socket; far: Socket; close(): void }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const accepted = new Promise<Socket>((r) => server.once("connection", r));
  const near = connect((server.address() as AddressInfo).port, "127.0.0.1");
  const far = await accepted;
  await new Promise((r) => near.once("connect", r));
  return { near, far, close: () => (near.destroy(), far.destroy(), server.close()) };
}

describe("silenceWatch", () => {
  it("fires once the host said nothing for the idle budget", async () => {
    const fired: number[] = [];
    const watch = silenceWatch(100, (ms) => fired.push(ms));
    await new Promise((r) => setTimeout(r, 250));
    watch.stop();
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeGreaterThanOrEqual(100);
  });

  it("never blames the host for our own event-loop lag: bytes that arrived during it count", async () => {
    const { near, far, close } = await pair();
    const fired: number[] = [];
    const watch = silenceWatch(100, (ms) => fired.push(ms));
    const unobserve = observeIncoming(near, () => watch.heard());
    near.on("data", () => undefined);
    far.write("x");
    const until = Date.now() + 300;
    while (Date.now() < until); // the loop is stuck while the byte arrives and the timer expires
    await new Promise((r) => setTimeout(r, 50));
    watch.stop();
    unobserve();
    close();
    expect(fired).toEqual([]);
  });

  it("observes bytes without consuming them: a listener added later still gets all", async () => {
    const { near, far, close } = await pair();
    let seen = 0;
    const unobserve = observeIncoming(near, () => seen++);
    far.write("banner\n");
    await new Promise((r) => setTimeout(r, 50));
    const got = await new Promise<string>((r) => near.once("data", (d: Buffer) => r(d.toString())));
    unobserve();
    close();
    expect(seen).toBeGreaterThanOrEqual(1);
    expect(got).toBe("banner\n");
  });
});
