import type { PortCounts, PortReason, PortState } from "../common/ports";

export interface PortProbe {
  readonly port: number;
  readonly state: PortState;
  readonly reason: PortReason;
  readonly rttMs: number;
  readonly banner?: string;
}

export interface ProbeResult {
  readonly address: string;
  readonly ports: readonly PortProbe[];
  readonly counts: PortCounts;
  readonly durationMs: number;
}

/** Why the dashboard did not probe an advertised address. */
export interface ProbeSkipped {
  readonly address: string | null;
  readonly reason: string;
}
