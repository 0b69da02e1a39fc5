import { describe, expect, it } from "vitest";
import { FairLimiter } from "./fair-limiter";

/** A task that finishes when the test says so. */
function gate(): { task: () => Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { task: () => done, open };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("FairLimiter", () => {
  it("gives freed slots to lanes in turn: a lane with a long queue does not starve the others", async () => {
    const limiter = new FairLimiter(2);
    const order: string[] = [];
    const slow = Array.from({ length: 6 }, () => gate());
    const fast = Array.from({ length: 3 }, () => gate());
    const runs = [
      ...slow.map((g, i) => limiter.lane("dropped-range").run(() => (order.push(`slow${i}`), g.task()))),
      ...fast.map((g, i) => limiter.lane("healthy").run(() => (order.push(`fast${i}`), g.task()))),
    ];
    await tick();
    expect(order).toEqual(["slow0", "slow1"]);
    for (const g of [...slow, ...fast]) {
      g.open();
      await tick();
      await tick();
    }
    await Promise.all(runs);
    // After the first two, the lanes alternate while both wait: the healthy lane waits one slot, not six.
    expect(order.slice(0, 5)).toEqual(["slow0", "slow1", "slow2", "fast0", "slow3"]);
    expect(order.indexOf("fast2")).toBeLessThan(order.indexOf("slow5"));
  });

  it("never runs more than its capacity at once", async () => {
    const limiter = new FairLimiter(3);
    let inFlight = 0;
    let peak = 0;
    const task = async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    };
    await Promise.all(Array.from({ length: 30 }, (_, i) => limiter.lane(`c${i % 4}`).run(task)));
    expect(peak).toBe(3);
    expect(limiter.inUse).toBe(0);
  });
});
