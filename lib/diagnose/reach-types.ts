import type { PortRange } from "../common/ports";
import type { PathProbe, PathScan } from "../probe/via-types";

export type { PathProbe, PathScan } from "../probe/via-types";

/** What one vantage saw of one client's rerun range; `unusable` excludes it from verdicts. */
export interface VantageView {
  readonly vantage: string;
  readonly unusable: string | null;
  readonly scan: PathScan | null;
}

/** One port of the services host or of a VM, probed from a Nomad client over its own SSH session. */
export interface ClientPath {
  readonly kind: "services" | "vm";
  /** "services", or the machine's name. */
  readonly target: string;
  readonly host: string;
  readonly port: number;
  /** What the port is for, e.g. "Nomad RPC". */
  readonly purpose: string;
  readonly probe: PathProbe;
}

export interface ClientPaths {
  /** Why the paths could not be measured (no session, forwarding refused); null when they were. */
  readonly unmeasured: string | null;
  readonly paths: readonly ClientPath[];
}

/** Observations beyond the dashboard's own view, attached to a client. */
export interface ReachObservation {
  /** The rerun range probed for this client when it differs from the inventory's (Podman). */
  readonly rerunRange?: PortRange;
  readonly vantages?: readonly VantageView[];
  readonly paths?: ClientPaths;
}

export interface VantageStatus {
  readonly name: string;
  readonly host: string;
  /** The known-good target it was checked against, "host:port", or null when there was none. */
  readonly check: string | null;
  readonly unusable: string | null;
}

/** Port 54782 of one VM, from the dashboard and from each vantage. */
export interface MachineObservation {
  readonly name: string;
  readonly host: string;
  readonly from: readonly { readonly source: string; readonly unusable: string | null; readonly probe: PathProbe | null }[];
}

export interface FleetObservation {
  readonly vantages: readonly VantageStatus[];
  readonly machines: readonly MachineObservation[];
}

export const DASHBOARD_SOURCE = "dashboard";
