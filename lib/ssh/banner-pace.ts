import { Pace } from "../common/pace";

export { PACE_MIN_SAMPLES } from "../common/pace";

/** The shortest banner wait a fleet's pace can set: below it, one slow fork would look hung. */
export const PACE_FLOOR_MS = 1500;
export const PACE_SCALE = 10;

/**
 * How fast this run's fleet sends its SSH banners. An sshd forks and speaks before any crypto, so
 * a banner ten times later than the fleet's usual one is a hang, not load: the wait follows the
 * fleet, measured, instead of one constant tuned to a machine.
 */
export class BannerPace extends Pace {
  /** The 90th percentile of the latest banners, or null before there are enough to say. */
  typicalMs(): number | null {
    return this.quantileMs(0.9);
  }
}
