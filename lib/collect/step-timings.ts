import type { Arrival } from "../ssh/types";
import type { StepMark } from "./parse";
import type { StepTiming } from "./types";

/** When byte `offset` of stdout reached the dashboard: the arrival of the chunk holding it. */
function arrivalOf(offset: number, arrivals: readonly Arrival[]): number {
  let ms = 0;
  for (const a of arrivals) {
    if (a.offset > offset) break;
    ms = a.ms;
  }
  return ms;
}

/**
 * How long each step took, as the dashboard saw its marks arrive: a step lasts from its own mark
 * to the next one (the last to `endMs`, when the command ended). Bytes arrive in chunks, so
 * steps printed together share an arrival and count as instant.
 */
export function stepTimings(marks: readonly StepMark[], arrivals: readonly Arrival[], endMs: number): StepTiming[] {
  const at = marks.map((m) => (m.name === "start" ? 0 : arrivalOf(m.offset, arrivals)));
  return marks.map((m, i) => ({ name: m.name, ms: Math.max(0, Math.round((at[i + 1] ?? endMs) - at[i]!)) }));
}
