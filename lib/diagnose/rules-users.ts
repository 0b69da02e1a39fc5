import type { PortRange, PortReason, PortRun, PortState } from "../common/ports";
import { finding } from "./catalog";
import type { DashboardOnFiltered } from "./catalog/users";
import type { Finding } from "./types";

export interface UserProbe {
  readonly port: number;
  readonly state: PortState;
  readonly reason: PortReason;
}

/** One client's rerun ports as a user's machine saw them, and who reported it. */
export interface UserScan {
  /** The vantage's name, "users (reported by <label>)". */
  readonly vantage: string;
  readonly source: string;
  readonly address: string;
  readonly probes: readonly UserProbe[];
}

function stateAt(runs: readonly PortRun[], port: number): PortState | null {
  return runs.find((r) => r.from <= port && port <= r.to)?.state ?? null;
}

/** The dashboard's own answer on each port the users got none from; null when it did not probe this address. */
export function dashboardOnFiltered(ports: readonly number[], dashboardRuns: readonly PortRun[] | null): DashboardOnFiltered | null {
  if (dashboardRuns === null) return null;
  const states = ports.map((p) => stateAt(dashboardRuns, p));
  return {
    answered: states.filter((s) => s === "open" || s === "closed").length,
    filtered: states.filter((s) => s === "filtered").length,
    unprobed: states.filter((s) => s === null).length,
  };
}

/**
 * Filtered from the users' network is an error, like from any vantage: the finding says whether the
 * dashboard got answers on those ports (a rule between users and client) or not (a rule for everyone).
 */
export function userScanFinding(scan: UserScan, range: PortRange, dashboardRuns: readonly PortRun[] | null): Finding | null {
  const filteredPorts = scan.probes.filter((p) => p.state === "filtered").map((p) => p.port);
  if (filteredPorts.length === 0) return null;
  return finding("RERUN_PORTS_FILTERED_FROM_USERS", "error", {
    vantage: scan.vantage,
    source: scan.source,
    address: scan.address,
    probed: scan.probes.length,
    filteredPorts: [...filteredPorts].sort((a, b) => a - b),
    open: scan.probes.filter((p) => p.state === "open").length,
    closed: scan.probes.filter((p) => p.state === "closed").length,
    range,
    dashboard: dashboardOnFiltered(filteredPorts, dashboardRuns),
  });
}
