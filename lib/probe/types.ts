export type PortState = "open" | "closed" | "filtered";

/** nmap's connect-scan reasons. */
export type PortReason = "syn-ack" | "conn-refused" | "no-response" | "host-unreach" | "net-unreach" | "admin-prohibited";

export interface PortProbe {
  readonly port: number;
  readonly state: PortState;
  readonly reason: PortReason;
  readonly rttMs: number;
  readonly banner?: string;
}

export interface PortCounts {
  readonly open: number;
  readonly closed: number;
  readonly filtered: number;
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
