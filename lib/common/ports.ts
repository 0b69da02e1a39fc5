import { z } from "zod";

export { PORT_REASONS, PORT_STATES, type PortRange, type PortReason, type PortState } from "./port-states";
import { PORT_REASONS, PORT_STATES, type PortRange, type PortReason, type PortState } from "./port-states";

export const portRangeShape = z.object({ from: z.number().int(), to: z.number().int() });

export const portCountsSchema = z.object({
  open: z.number().int().nonnegative(),
  closed: z.number().int().nonnegative(),
  filtered: z.number().int().nonnegative(),
});
export type PortCounts = z.infer<typeof portCountsSchema>;

/** Consecutive ports that share a state and a reason. */
export const portRunSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  state: z.enum(PORT_STATES),
  reason: z.enum(PORT_REASONS),
});
export type PortRun = z.infer<typeof portRunSchema>;

interface Probed {
  readonly port: number;
  readonly state: PortState;
  readonly reason: PortReason;
}

export function countStates(probes: readonly { readonly state: PortState }[]): PortCounts {
  const counts = { open: 0, closed: 0, filtered: 0 };
  for (const probe of probes) counts[probe.state]++;
  return counts;
}

/** Collapses probes (in any order) into runs of consecutive ports with one state and reason. */
export function toRuns(probes: readonly Probed[]): PortRun[] {
  const runs: PortRun[] = [];
  for (const probe of [...probes].sort((a, b) => a.port - b.port)) {
    const last = runs[runs.length - 1];
    if (last && last.to + 1 === probe.port && last.state === probe.state && last.reason === probe.reason) last.to = probe.port;
    else runs.push({ from: probe.port, to: probe.port, state: probe.state, reason: probe.reason });
  }
  return runs;
}

export const sameRange = (a: PortRange, b: PortRange): boolean => a.from === b.from && a.to === b.to;

/** "64535–65535": a range as CircleCI's figure writes it. */
export const rangeText = (range: PortRange): string => (range.from === range.to ? `${range.from}` : `${range.from}–${range.to}`);

function mergeAdjacent(ranges: readonly PortRange[]): { from: number; to: number }[] {
  const merged: { from: number; to: number }[] = [];
  for (const range of [...ranges].sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ from: range.from, to: range.to });
  }
  return merged;
}

export function formatRange(range: PortRange): string {
  const count = range.to - range.from + 1;
  return count === 1 ? `${range.from} (1 port)` : `${range.from}–${range.to} (${count} ports)`;
}

/** "64535–64600 (66 ports), 65036–65535 (500 ports)"; adjacent ranges merge, long lists are cut. */
export function formatRanges(ranges: readonly PortRange[], maxRanges = 8): string {
  const merged = mergeAdjacent(ranges);
  const shown = merged.slice(0, maxRanges).map(formatRange).join(", ");
  const hidden = merged.length - maxRanges;
  return hidden > 0 ? `${shown} and ${hidden} more range${hidden === 1 ? "" : "s"}` : shown;
}
