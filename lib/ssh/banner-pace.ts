/**
 * How fast this run's fleet sends its SSH banners. An sshd forks and speaks before any crypto, so
 * a banner ten times later than the fleet's usual one is a hang, not load: the wait follows the
 * fleet, measured, instead of one constant tuned to a machine.
 */
export const PACE_MIN_SAMPLES = 5;
const PACE_WINDOW = 64;
/** The shortest banner wait a fleet's pace can set: below it, one slow fork would look hung. */
export const PACE_FLOOR_MS = 1500;
export const PACE_SCALE = 10;

export class BannerPace {
  private readonly samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
    if (this.samples.length > PACE_WINDOW) this.samples.shift();
  }

  /** The 90th percentile of the latest banners, or null before there are enough to say. */
  typicalMs(): number | null {
    if (this.samples.length < PACE_MIN_SAMPLES) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!;
  }
}
