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

  it("takes the fleet's typical connect time as the median, so a few lagged connects do not move it", () => {
    const fleet = new FleetRtt();
    for (const ms of [40, 45, 50, 55, 60, 300, 350]) fleet.record(ms);
    expect(fleet.typicalMs()).toBe(55);
  });
});
