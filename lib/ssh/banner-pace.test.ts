import { describe, expect, it } from "vitest";
import { BannerPace, PACE_FLOOR_MS, PACE_MIN_SAMPLES, PACE_SCALE } from "./banner-pace";
import { bannerWaitMs, BANNER_FLOOR_MS } from "./patience";

describe("the fleet's banner pace", () => {
  it("says nothing before it has enough banners, then their 90th percentile", () => {
    const pace = new BannerPace();
    for (let i = 1; i < PACE_MIN_SAMPLES; i++) pace.record(i);
    expect(pace.typicalMs()).toBeNull();
    for (let i = PACE_MIN_SAMPLES; i <= 20; i++) pace.record(i);
    expect(pace.typicalMs()).toBe(19);
  });

  it("forgets old banners, so a fleet that slows down raises the wait", () => {
    const pace = new BannerPace();
    for (let i = 0; i < 64; i++) pace.record(10);
    for (let i = 0; i < 64; i++) pace.record(900);
    expect(pace.typicalMs()).toBe(900);
  });

  it("sets the banner wait to ten usual banners, never below its floor nor above the ceiling", () => {
    expect(bannerWaitMs(1, 1, null)).toBe(BANNER_FLOOR_MS);
    expect(bannerWaitMs(1, 1, 20)).toBe(PACE_FLOOR_MS);
    expect(bannerWaitMs(1, 2, 20)).toBe(PACE_FLOOR_MS);
    expect(bannerWaitMs(1, 1, 700)).toBe(PACE_SCALE * 700);
    expect(bannerWaitMs(1, 1, 60_000)).toBe(30_000);
  });
});
