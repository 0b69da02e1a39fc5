import type { FindingCode } from "../diagnose/types";
import type { ClientReport } from "../report/schema";

/** Fleet-level wording: what an admin says in the incident channel. */
const CAUSE: Partial<Record<FindingCode, string>> = {
  SSH_UNREACHABLE: "Rerun Doctor cannot reach sshd",
  SSH_AUTH_FAILED: "the dashboard's SSH key is refused",
  SSH_HOST_KEY_MISMATCH: "the host key changed since known_hosts was written",
  SSH_HOST_KEY_UNKNOWN: "the host is not in known_hosts",
  COLLECT_FAILED: "the inspection command failed",
  OVERRIDE_EMPTY: "/etc/circleci/public-ipv4 is empty",
  OVERRIDE_INVALID: "/etc/circleci/public-ipv4 holds something other than an IPv4",
  OVERRIDE_DUPLICATE: "several clients advertise the same IP",
  OVERRIDE_STALE: "the override names an IP the client does not have",
  METADATA_UNREACHABLE: "instance metadata does not answer",
  METADATA_TOKEN_REQUIRED: "IMDSv2 tokens are required",
  NO_PUBLIC_IP: "the instance has no public IP",
  ADVERTISED_IP_UNDETERMINED: "outer has no address to give users",
  RERUN_PORTS_FILTERED: "the rerun ports are dropped from this network",
  RERUN_PORTS_PARTIALLY_FILTERED: "part of the rerun range is dropped from this network",
  RERUN_PORTS_NOT_PROBED: "the advertised IP was not probed",
  NOMAD_FINGERPRINT_MISMATCH: "Nomad's fingerprint of the instance is out of date",
  RERUN_PORTS_FILTERED_FROM_VANTAGE: "the rerun ports are dropped from a vantage's network",
  RERUN_RANGE_MISMATCH: "the rerun range misses the container runtime's ports",
  SERVICES_UNREACHABLE: "the client cannot reach the services machine",
  VM_UNREACHABLE_FROM_CLIENT: "the client cannot reach a machine-job VM",
  PATHS_NOT_MEASURED: "services and VM paths could not be measured",
};

export interface Cause {
  readonly code: FindingCode;
  readonly count: number;
  readonly text: string;
}

/** Error and warning findings grouped by code, most clients first. */
export function topCauses(clients: readonly ClientReport[], limit = 5): Cause[] {
  const counts = new Map<FindingCode, number>();
  for (const client of clients) {
    const codes = new Set(client.findings.filter((f) => f.severity !== "info").map((f) => f.code));
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([code, count]) => ({ code, count, text: `${count} of ${clients.length} clients: ${CAUSE[code] ?? code}` }));
}
