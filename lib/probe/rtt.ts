/**
 * Per-target probe timeouts as nmap sets them: smoothed RTT plus four deviations (RFC 6298), from
 * every answered probe, between a floor and a ceiling. Before any answer, the SSH connect to the
 * same host is the measurement; without one, the ceiling.
 */
export const PROBE_TIMEOUT_FLOOR_MS = 200;
const HINT_FACTOR = 4;

export class RttEstimator {
  private srtt: number | null = null;
  private rttvar = 0;
  private answered = 0;

  constructor(
    private readonly ceilingMs: number,
    /** The TCP connect time to this host over SSH, when there is one. */
    private readonly hintMs: number | null,
    private readonly floorMs = Math.min(PROBE_TIMEOUT_FLOOR_MS, ceilingMs),
  ) {}

  observe(rttMs: number): void {
    this.answered++;
    if (this.srtt === null) {
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
      return;
    }
    this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);
    this.srtt = 0.875 * this.srtt + 0.125 * rttMs;
  }

  get answers(): number {
    return this.answered;
  }

  get smoothedMs(): number | null {
    return this.srtt === null ? null : Math.round(this.srtt * 10) / 10;
  }

  timeoutMs(): number {
    const estimate = this.srtt === null ? (this.hintMs === null ? this.ceilingMs : HINT_FACTOR * this.hintMs) : this.srtt + 4 * this.rttvar;
    return Math.round(Math.min(this.ceilingMs, Math.max(this.floorMs, estimate)));
  }
}
