import type { PortCounts, PortProbe, PortReason, PortState } from "../probe/types";

/** Consecutive ports that share a state and a reason. */
export interface PortStateRun {
  readonly from: number;
  readonly to: number;
  readonly state: PortState;
  readonly reason: PortReason;
}

/** Collapses probes (in any order) into runs of consecutive ports with one state and reason. */
export function toRuns(probes: readonly PortProbe[]): PortStateRun[] {
  const sorted = [...probes].sort((a, b) => a.port - b.port);
  const runs: PortStateRun[] = [];
  for (const probe of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.to + 1 === probe.port && last.state === probe.state && last.reason === probe.reason) {
      runs[runs.length - 1] = { ...last, to: probe.port };
    } else {
      runs.push({ from: probe.port, to: probe.port, state: probe.state, reason: probe.reason });
    }
  }
  return runs;
}

function mergeAdjacent(ranges: readonly { from: number; to: number }[]): { from: number; to: number }[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ from: range.from, to: range.to });
  }
  return merged;
}

export function formatRange(range: { from: number; to: number }): string {
  const count = range.to - range.from + 1;
  if (count === 1) return `${range.from} (1 port)`;
  return `${range.from}–${range.to} (${count} ports)`;
}

/** "64535–64600 (66 ports), 65036–65535 (500 ports)"; adjacent ranges merge, long lists are cut. */
export function formatRanges(ranges: readonly { from: number; to: number }[], maxRanges = 8): string {
  const merged = mergeAdjacent(ranges);
  const shown = merged.slice(0, maxRanges).map(formatRange).join(", ");
  const hidden = merged.length - maxRanges;
  return hidden > 0 ? `${shown} and ${hidden} more range${hidden === 1 ? "" : "s"}` : shown;
}

export function countPorts(probes: readonly PortProbe[]): PortCounts {
  const counts = { open: 0, closed: 0, filtered: 0 };
  for (const probe of probes) counts[probe.state]++;
  return counts;
}
