import { describe, expect, it } from "vitest";
import { CATALOG } from "../lib/diagnose/catalog";
import { parseArgs, UsageError } from "./args";
import { HOSTILE_SCENARIOS } from "./hostile-scenarios";
import { SCENARIO_NAMES, SCENARIOS, selectScenarios, UnknownScenarioError } from "./scenarios";

describe("scenarios", () => {
  it("are named once each, described on one line, and expect what their codes' severities allow", () => {
    const all = [...SCENARIOS, ...HOSTILE_SCENARIOS];
    expect(SCENARIO_NAMES).toEqual(all.map((s) => s.name));
    expect(new Set(SCENARIO_NAMES).size).toBe(all.length);
    for (const s of all) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.description).not.toContain("\n");
      const severities = new Set(s.expect.codes.flatMap((c) => CATALOG[c].severities));
      if (s.expect.verdict === "ok")
        expect(
          [...severities].filter((v) => v !== "info"),
          s.name,
        ).toEqual([]);
      if (s.expect.verdict === "broken") expect(severities.has("error"), s.name).toBe(true);
      if (s.expect.verdict === "unknown")
        expect(
          s.expect.codes.some((c) => CATALOG[c].arrows.includes("inspect")),
          s.name,
        ).toBe(true);
    }
  });
  it("select all by default, in canonical order, and add required partners", () => {
    expect(selectScenarios([]).map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
    expect(selectScenarios(["sshd-down", "healthy-imdsv1"]).map((s) => s.name)).toEqual(["healthy-imdsv1", "sshd-down"]);
    expect(selectScenarios(["override-copied-a"]).map((s) => s.name)).toEqual(["override-copied-a", "override-copied-b"]);
  });
  it("reject unknown names, listing the valid ones", () => {
    expect(() => selectScenarios(["nope"])).toThrow(UnknownScenarioError);
    expect(() => selectScenarios(["nope"])).toThrow(/valid names: healthy-imdsv2/);
  });
});

describe("the hostile group", () => {
  it("is only added with --hostile, after the default set, and each can be named alone", () => {
    const names = (list: readonly { name: string }[]) => list.map((s) => s.name);
    expect(names(selectScenarios([]))).toEqual(names(SCENARIOS));
    const all = names(selectScenarios([], true));
    expect(all.slice(0, SCENARIOS.length)).toEqual(names(SCENARIOS));
    expect(all.slice(SCENARIOS.length)).toEqual(names(HOSTILE_SCENARIOS));
    expect(names(selectScenarios(["hostile-cmd-hangs"]))).toEqual(["hostile-cmd-hangs"]);
    expect(names(selectScenarios(["sshd-down"], true))).toEqual(["sshd-down", ...names(HOSTILE_SCENARIOS)]);
  });
});

describe("parseArgs", () => {
  it("parses commands, repeated --scenario and --clients", () => {
    const defaults = { hostile: false, reach: false, extrasLike: "healthy-imdsv1" };
    expect(parseArgs(["up"])).toEqual({ command: "up", scenarios: [], clients: 0, ...defaults });
    expect(parseArgs(["up", "--scenario", "sshd-down", "--scenario=auth-refused", "--clients", "5", "--hostile"])).toEqual({
      command: "up",
      scenarios: ["sshd-down", "auth-refused"],
      clients: 5,
      ...defaults,
      hostile: true,
    });
    expect(parseArgs(["up", "--clients", "124", "--extras-like", "sg-drops-rerun-range"])).toMatchObject({
      clients: 124,
      extrasLike: "sg-drops-rerun-range",
    });
    expect(parseArgs(["down"]).command).toBe("down");
    expect(parseArgs(["status"]).command).toBe("status");
  });
  it("refuses bad input", () => {
    expect(() => parseArgs([])).toThrow(UsageError);
    expect(() => parseArgs(["sideways"])).toThrow(UsageError);
    expect(() => parseArgs(["up", "--clients", "125"])).toThrow(/0 to 124/);
    expect(() => parseArgs(["up", "--extras-like", "nope"])).toThrow(UnknownScenarioError);
    expect(() => parseArgs(["down", "--extras-like", "sshd-down"])).toThrow(UsageError);
    expect(() => parseArgs(["up", "--clients", "-1"])).toThrow(UsageError);
    expect(() => parseArgs(["up", "--clients"])).toThrow(/needs a value/);
    expect(() => parseArgs(["up", "--scenario", "nope"])).toThrow(UnknownScenarioError);
    expect(() => parseArgs(["down", "--clients", "3"])).toThrow(UsageError);
    expect(() => parseArgs(["down", "--hostile"])).toThrow(UsageError);
    expect(() => parseArgs(["up", "--hostile=yes"])).toThrow(/unknown argument/);
    expect(() => parseArgs(["up", "--verbose"])).toThrow(/unknown argument/);
  });
});
