import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "./args";
import { HOSTILE_SCENARIOS } from "./hostile-scenarios";
import { SCENARIO_NAMES, SCENARIOS, selectScenarios, UnknownScenarioError } from "./scenarios";

const CODES = new Set([
  "SSH_UNREACHABLE", "SSH_AUTH_FAILED", "SSH_HOST_KEY_MISMATCH", "SSH_HOST_KEY_UNKNOWN", "OVERRIDE_EMPTY", "OVERRIDE_INVALID",
  "OVERRIDE_DUPLICATE", "OVERRIDE_STALE", "METADATA_UNREACHABLE", "METADATA_TOKEN_REQUIRED", "NO_PUBLIC_IP",
  "ADVERTISED_IP_UNDETERMINED", "RERUN_PORTS_FILTERED", "RERUN_PORTS_PARTIALLY_FILTERED", "RERUN_JOB_LISTENING", "COLLECT_FAILED",
]);

describe("scenarios", () => {
  it("are the 18 default and 8 hostile named ones, each described, with known codes", () => {
    expect(SCENARIOS).toHaveLength(18);
    expect(SCENARIO_NAMES).toHaveLength(26);
    expect(new Set(SCENARIO_NAMES).size).toBe(26);
    for (const s of [...SCENARIOS, ...HOSTILE_SCENARIOS]) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.description).not.toContain("\n");
      for (const c of s.expect.codes) expect(CODES.has(c), c).toBe(true);
      if (s.expect.verdict === "ok") expect(s.expect.codes.filter((c) => c !== "RERUN_JOB_LISTENING")).toEqual([]);
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
    expect(parseArgs(["up"])).toEqual({ command: "up", scenarios: [], clients: 0, hostile: false, wide: false });
    expect(parseArgs(["up", "--scenario", "sshd-down", "--scenario=auth-refused", "--clients", "5", "--hostile"])).toEqual({
      command: "up", scenarios: ["sshd-down", "auth-refused"], clients: 5, hostile: true, wide: false,
    });
    expect(parseArgs(["down"]).command).toBe("down");
    expect(parseArgs(["status"]).command).toBe("status");
  });
  it("refuses bad input", () => {
    expect(() => parseArgs([])).toThrow(UsageError);
    expect(() => parseArgs(["sideways"])).toThrow(UsageError);
    expect(() => parseArgs(["up", "--clients", "101"])).toThrow(/0 to 100/);
    expect(() => parseArgs(["up", "--clients", "-1"])).toThrow(UsageError);
    expect(() => parseArgs(["up", "--clients"])).toThrow(/needs a value/);
    expect(() => parseArgs(["up", "--scenario", "nope"])).toThrow(UnknownScenarioError);
    expect(() => parseArgs(["down", "--clients", "3"])).toThrow(UsageError);
    expect(() => parseArgs(["down", "--hostile"])).toThrow(UsageError);
    expect(() => parseArgs(["up", "--hostile=yes"])).toThrow(/unknown argument/);
    expect(() => parseArgs(["up", "--verbose"])).toThrow(/unknown argument/);
  });
});
