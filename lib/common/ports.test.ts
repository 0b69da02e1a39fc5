import { describe, expect, it } from "vitest";
import { countStates as countPorts, formatRanges, toRuns, type PortState } from "./ports";

/** One probe per port of the rerun range, state chosen per port. */
function portProbes(stateOf: (port: number) => PortState) {
  return Array.from({ length: 1001 }, (_, i) => 64535 + i).map((port) => {
    const state = stateOf(port);
    return {
      port,
      state,
      reason: state === "open" ? ("syn-ack" as const) : state === "closed" ? ("conn-refused" as const) : ("no-response" as const),
    };
  });
}

describe("toRuns", () => {
  it("collapses consecutive ports with one state and reason, whatever the input order", () => {
    const probes = portProbes((port) => (port >= 65036 ? "filtered" : "closed")).reverse();
    expect(toRuns(probes)).toEqual([
      { from: 64535, to: 65035, state: "closed", reason: "conn-refused" },
      { from: 65036, to: 65535, state: "filtered", reason: "no-response" },
    ]);
  });

  it("splits on a reason change and on a gap", () => {
    const runs = toRuns([
      { port: 10, state: "filtered", reason: "no-response" },
      { port: 11, state: "filtered", reason: "admin-prohibited" },
      { port: 13, state: "filtered", reason: "admin-prohibited" },
    ]);
    expect(runs.map((run) => [run.from, run.to])).toEqual([
      [10, 10],
      [11, 11],
      [13, 13],
    ]);
  });

  it("returns no runs for no probes", () => {
    expect(toRuns([])).toEqual([]);
  });
});

describe("formatRanges", () => {
  it("names each range with its port count, merging adjacent ranges", () => {
    expect(formatRanges([{ from: 65036, to: 65535 }])).toBe("65036–65535 (500 ports)");
    expect(
      formatRanges([
        { from: 10, to: 10 },
        { from: 11, to: 12 },
        { from: 20, to: 20 },
      ]),
    ).toBe("10–12 (3 ports), 20 (1 port)");
  });

  it("cuts long lists", () => {
    const ranges = Array.from({ length: 12 }, (_, index) => ({ from: index * 10, to: index * 10 }));
    expect(formatRanges(ranges, 3)).toBe("0 (1 port), 10 (1 port), 20 (1 port) and 9 more ranges");
  });
});

describe("countPorts", () => {
  it("counts each state", () => {
    const probes = portProbes((port) => (port === 64784 ? "open" : port > 65500 ? "filtered" : "closed"));
    expect(countPorts(probes)).toEqual({ open: 1, closed: 965, filtered: 35 });
  });
});
