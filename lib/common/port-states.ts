// Ports and their states without zod: the probe thread loads these, and zod with its locales costs it megabytes.

/** An inclusive TCP port range, e.g. the rerun range 64535-65535. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const PORT_STATES = ["open", "closed", "filtered"] as const;
export type PortState = (typeof PORT_STATES)[number];

/** nmap's connect-scan reasons, plus an SSH channel open that failed for a reason sshd did not name. */
export const PORT_REASONS = [
  "syn-ack",
  "conn-refused",
  "no-response",
  "host-unreach",
  "net-unreach",
  "admin-prohibited",
  "connect-failed",
] as const;
export type PortReason = (typeof PORT_REASONS)[number];
