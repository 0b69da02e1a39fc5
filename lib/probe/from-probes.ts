import { countStates, toRuns, type PortRange } from "../common/ports";
import type { PortProbe, ProbeResult } from "./types";

/** A result from a list of port probes (a test's, or a handful probed one by one). */
export function resultFromProbes(address: string, range: PortRange, probes: readonly PortProbe[], durationMs: number): ProbeResult {
  const open = probes.filter((p) => p.state === "open").sort((a, b) => a.port - b.port);
  return { address, range, runs: toRuns(probes), counts: countStates(probes), open, durationMs };
}
