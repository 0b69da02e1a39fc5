/**
 * A window of the latest durations a run measured of its whole fleet (banners, TCP connects).
 * One host's figure is one sample; the fleet's gives the scale to judge it by.
 */
export const PACE_MIN_SAMPLES = 5;
const PACE_WINDOW = 64;

export class Pace {
  private readonly samples: number[] = [];

  constructor(private readonly window = PACE_WINDOW) {}

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.samples.push(ms);
    if (this.samples.length > this.window) this.samples.shift();
  }

  /** The `fraction` quantile of the latest samples, or null before there are enough to say. */
  quantileMs(fraction: number): number | null {
    if (this.samples.length < PACE_MIN_SAMPLES) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
  }
}
