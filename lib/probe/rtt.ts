import { Pace } from "../common/pace";

/**
 * Per-target probe timeouts as nmap sets them: smoothed RTT plus four deviations (RFC 6298), from
 * every answered probe, between a floor and a ceiling. Before any answer, the SSH connect to the
 * same host is the first measurement R, giving RFC 6298's first timeout R + 4·R/2 = 3R. The floor
 * is nmap's --min-rtt-timeout: our own event-loop lag needs no margin, as a timeout concludes only
 * after the poll phase (afterIo).
 */
export const PROBE_TIMEOUT_FLOOR_MS = 100;
const FIRST_SAMPLE_FACTOR = 3;

/**
 * The run's SSH connect times. Queueing, our own busy event loop included, only adds delay, so the
 * fleet's fastest connects are the closest to its paths: a host with no answers yet is probed first
 * at their pace, as nmap lends a silent host its group's timeout (silence still waits patientTimeoutMs).
 */
export class FleetRtt extends Pace {
  /** A path does not change within a run, our lag does: the whole run's connects count (up to 1024), not the latest 64. */
  constructor() {
    super(1024);
  }

  /** The fastest tenth: on a busy dashboard the median measured our lag (74 ms on a 0.1 ms lab). */
  nearestMs(): number | null {
    return this.quantileMs(0.1);
  }
}

export class RttEstimator {
  private srtt: number | null = null;
  private rttvar = 0;
  private answered = 0;

  constructor(
    private readonly ceilingMs: number,
    /** The TCP connect time to this host over SSH, when there is one. */
    private readonly hintMs: number | null,
    /** The fleet's nearest connect time (FleetRtt), when the run has one. */
    private readonly fleetHintMs: number | null = null,
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

  /** The timeout now: from answers once there are some, else from the smaller of the two hints. */
  timeoutMs(): number {
    if (this.srtt !== null) return this.clamp(this.srtt + 4 * this.rttvar);
    const hints = [this.hintMs, this.fleetHintMs].filter((h): h is number => h !== null);
    return this.clamp(hints.length === 0 ? this.ceilingMs : FIRST_SAMPLE_FACTOR * Math.min(...hints));
  }

  /** The wait before silence is believed: never shorter than this host's own measurement allows. */
  patientTimeoutMs(): number {
    if (this.srtt !== null) return this.timeoutMs();
    return this.clamp(this.hintMs === null ? this.ceilingMs : FIRST_SAMPLE_FACTOR * this.hintMs);
  }

  private clamp(ms: number): number {
    return Math.round(Math.min(this.ceilingMs, Math.max(this.floorMs, ms)));
  }
}
