import type { PathProbe, PathReason } from "../probe/via-types";
import type { PortState } from "../probe/types";

export interface PathRun {
  readonly from: number;
  readonly to: number;
  readonly state: PortState;
  readonly reason: PathReason;
}

/** Like toRuns, for probes made through an sshd (whose reasons include connect-failed). */
export function pathRuns(probes: readonly PathProbe[]): PathRun[] {
  const runs: PathRun[] = [];
  for (const probe of [...probes].sort((a, b) => a.port - b.port)) {
    const last = runs[runs.length - 1];
    if (last && last.to + 1 === probe.port && last.state === probe.state && last.reason === probe.reason) runs[runs.length - 1] = { ...last, to: probe.port };
    else runs.push({ from: probe.port, to: probe.port, state: probe.state, reason: probe.reason });
  }
  return runs;
}
