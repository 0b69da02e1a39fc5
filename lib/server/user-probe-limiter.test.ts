import { describe, expect, it } from "vitest";
import { WindowLimiter } from "./user-probe-limiter";

describe("the user probe's sliding-window limits", () => {
  it("allows `limit` takes a window per key, then says how long to wait, and forgets old ones", () => {
    const limiter = new WindowLimiter(3, 60_000);
    expect([0, 1, 2].map((i) => limiter.take("198.51.100.7", 1000 + i))).toEqual([0, 0, 0]);
    expect(limiter.take("198.51.100.7", 2000)).toBe(59_000);
    expect(limiter.take("198.51.100.8", 2000)).toBe(0);
    expect(limiter.take("198.51.100.7", 61_000)).toBe(0);
  });

  it("does not count refused takes, so waiting out the window is enough", () => {
    const limiter = new WindowLimiter(1, 1000);
    expect(limiter.take("k", 0)).toBe(0);
    for (let t = 1; t < 1000; t += 100) expect(limiter.take("k", t)).toBeGreaterThan(0);
    expect(limiter.take("k", 1000)).toBe(0);
  });
});
