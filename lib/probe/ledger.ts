import type { PortCounts, PortRun } from "../common/ports";
import { PORT_REASONS, PORT_STATES, type PortRange, type PortReason, type PortState } from "../common/port-states";
import type { Answer } from "./sweep";

const CODES = PORT_STATES.flatMap((state) => PORT_REASONS.map((reason) => ({ state, reason })));
const codeOf = (state: PortState, reason: PortReason): number =>
  PORT_STATES.indexOf(state) * PORT_REASONS.length + PORT_REASONS.indexOf(reason) + 1;

/** What was observed of each port of a range, one byte each; 0 for a port not probed (yet). */
export class PortLedger {
  private readonly codes: Uint8Array;

  constructor(readonly range: PortRange) {
    this.codes = new Uint8Array(range.to - range.from + 1);
  }

  record(port: number, answer: Pick<Answer, "state" | "reason">): void {
    this.codes[port - this.range.from] = codeOf(answer.state, answer.reason);
  }

  /** Ports whose last probe got nothing back. */
  silent(): number[] {
    const silent: number[] = [];
    const code = codeOf("filtered", "no-response");
    this.codes.forEach((c, i) => c === code && silent.push(this.range.from + i));
    return silent;
  }

  /** Which of `ports` got nothing back on their last probe. */
  silentOf(ports: readonly number[]): number[] {
    const code = codeOf("filtered", "no-response");
    return ports.filter((port) => this.codes[port - this.range.from] === code);
  }

  counts(): PortCounts {
    const counts = { open: 0, closed: 0, filtered: 0 };
    for (const c of this.codes) if (c > 0) counts[CODES[c - 1]!.state]++;
    return counts;
  }

  /** Consecutive probed ports with one state and reason. */
  runs(): PortRun[] {
    const runs: PortRun[] = [];
    let last: PortRun | undefined;
    this.codes.forEach((c, i) => {
      const port = this.range.from + i;
      if (c === 0) return void (last = undefined);
      const { state, reason } = CODES[c - 1]!;
      if (last && last.to + 1 === port && last.state === state && last.reason === reason) last.to = port;
      else runs.push((last = { from: port, to: port, state, reason }));
    });
    return runs;
  }
}
