import { describe, expect, it } from "vitest";
import { Pace, PACE_MIN_SAMPLES } from "./pace";
import { FleetRtt } from "../probe/rtt";

describe("a run's pace", () => {
  it("gives quantiles of the latest samples only once it has enough, ignoring nonsense", () => {
    const pace = new Pace();
    for (let i = 1; i < PACE_MIN_SAMPLES; i++) pace.record(i);
    pace.record(Number.NaN);
    pace.record(-1);
    expect(pace.quantileMs(0.5)).toBeNull();
    pace.record(PACE_MIN_SAMPLES);
    expect(pace.quantileMs(0.5)).toBe(3);
    expect(pace.quantileMs(1)).toBe(PACE_MIN_SAMPLES);
  });

  it("takes the fleet's pace from its fastest tenth of connects, so a busy dashboard's lag does not set it", () => {
    const fleet = new FleetRtt();
    for (const ms of [0.4, 0.5, 0.6, ...Array.from({ length: 17 }, (_, i) => 60 + 20 * i)]) fleet.record(ms);
    expect(fleet.nearestMs()).toBe(0.6);
    expect(fleet.quantileMs(0.5)).toBe(200);
  });

  it("keeps the whole run's connects for the fleet's pace: the early, unlagged ones are not forgotten", () => {
    const fleet = new FleetRtt();
    for (let i = 0; i < 20; i++) fleet.record(0.5);
    for (let i = 0; i < 100; i++) fleet.record(70); // later connects, made while the dashboard was busy
    expect(fleet.nearestMs()).toBe(0.5);
  });
});
