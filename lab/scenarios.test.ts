import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "./args";
import { SCENARIO_NAMES, SCENARIOS, selectScenarios, UnknownScenarioError } from "./scenarios";

const CODES = new Set([
  "SSH_UNREACHABLE", "SSH_AUTH_FAILED", "SSH_HOST_KEY_MISMATCH", "SSH_HOST_KEY_UNKNOWN", "OVERRIDE_EMPTY", "OVERRIDE_INVALID",
  "OVERRIDE_DUPLICATE", "OVERRIDE_STALE", "METADATA_UNREACHABLE", "METADATA_TOKEN_REQUIRED", "NO_PUBLIC_IP",
  "ADVERTISED_IP_UNDETERMINED", "RERUN_PORTS_FILTERED", "RERUN_PORTS_PARTIALLY_FILTERED", "RERUN_JOB_LISTENING",
]);

describe("scenarios", () => {
  it("are the 18 named ones, each described, with known codes", () => {
    expect(SCENARIO_NAMES).toHaveLength(18);
    expect(new Set(SCENARIO_NAMES).size).toBe(18);
    for (const s of SCENARIOS) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.description).not.toContain("\n");
      for (const c of s.expect.codes) expect(CODES.has(c), c).toBe(true);
      if (s.expect.verdict === "ok") expect(s.expect.codes.filter((c) => c !== "RERUN_JOB_LISTENING")).toEqual([]);
    }
  });
  it("select all by default, in canonical order, and add required partners", () => {
    expect(selectScenarios([]).map((s) => s.name)).toEqual(SCENARIO_NAMES);
    expect(selectScenarios(["sshd-down", "healthy-imdsv1"]).map((s) => s.name)).toEqual(["healthy-imdsv1", "sshd-down"]);
    expect(selectScenarios(["override-copied-a"]).map((s) => s.name)).toEqual(["override-copied-a", "override-copied-b"]);
  });
  it("reject unknown names, listing the valid ones", () => {
    expect(() => selectScenarios(["nope"])).toThrow(UnknownScenarioError);
    expect(() => selectScenarios(["nope"])).toThrow(/valid names: healthy-imdsv2/);
  });
});

describe("parseArgs", () => {
  it("parses commands, repeated --scenario and --clients", () => {
    expect(parseArgs(["up"])).toEqual({ command: "up", scenarios: [], clients: 0 });
    expect(parseArgs(["up", "--scenario", "sshd-down", "--scenario=auth-refused", "--clients", "5"])).toEqual({
      command: "up", scenarios: ["sshd-down", "auth-refused"], clients: 5,
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
    expect(() => parseArgs(["up", "--verbose"])).toThrow(/unknown argument/);
  });
});
