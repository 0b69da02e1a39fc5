import type { PortCounts, PortReason, PortState } from "../common/ports";

export interface PathProbe {
  readonly port: number;
  readonly state: PortState;
  readonly reason: PortReason;
  readonly rttMs: number;
}

/** Ports of one address probed through a remote sshd (direct-tcpip). */
export interface PathScan {
  readonly address: string;
  readonly probes: readonly PathProbe[];
  readonly counts: PortCounts;
  /** Ports in the range asked for; more than probes.length when a large range was sampled. */
  readonly rangeSize: number;
  readonly durationMs: number;
  /** Set when the SSH session dropped mid-scan: the probes are incomplete and prove nothing. */
  readonly lost: string | null;
}
