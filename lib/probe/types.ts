import type { PortCounts, PortRange, PortReason, PortRun, PortState } from "../common/ports";

export interface PortProbe {
  readonly port: number;
  readonly state: PortState;
  readonly reason: PortReason;
  readonly rttMs: number;
  readonly banner?: string;
}

/** How a scan paced itself, from what it measured of the target. */
export interface ScanTiming {
  /** The first probes' timeout: from the SSH connect time to the host, else the ceiling. */
  readonly initialTimeoutMs: number;
  /** The timeout the scan ended with, from the answers it got. */
  readonly finalTimeoutMs: number;
  readonly smoothedRttMs: number | null;
  /** Probes sent in all, retries included. */
  readonly probes: number;
  /** Ports probed a second time because nothing came back the first. */
  readonly retried: number;
}

/** One range of one address, as observed: every port in a run, and the few open ones in full. */
export interface ProbeResult {
  readonly address: string;
  readonly range: PortRange;
  readonly runs: readonly PortRun[];
  readonly counts: PortCounts;
  /** Open ports, with their banners (an SSH-rerun job is an sshd). */
  readonly open: readonly PortProbe[];
  readonly durationMs: number;
  readonly timing?: ScanTiming;
}

/** Why the dashboard did not probe an advertised address. */
export interface ProbeSkipped {
  readonly address: string | null;
  readonly reason: string;
}
