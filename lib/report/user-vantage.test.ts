import { describe, expect, it } from "vitest";
import { makeObservation, makeTarget, probed, portProbes, skipped } from "../diagnose/test-fixtures";
import { redactReport } from "./redact";
import { reportSchema } from "./schema";
import { reportOf } from "./test-fixtures";
import { userProbeTargets, validateUpload, MAX_USER_PROBE_TARGETS, type UserProbeResult } from "./user-probe";
import { userSourceCidrs, userVantageName, withUserVantages, type UserVantageInput } from "./user-vantage";

const A = "198.51.100.131";
const B = "198.51.100.132";
const report = reportOf([
  makeObservation({
    target: makeTarget({ name: "alpha", host: "198.51.100.11" }),
    probe: probed(
      portProbes((p) => (p === 65000 ? "open" : "closed")),
      A,
    ),
  }),
  makeObservation({
    target: makeTarget({ name: "beta", host: "198.51.100.12" }),
    probe: probed(
      portProbes(() => "closed"),
      B,
    ),
  }),
  makeObservation({ target: makeTarget({ name: "gamma", host: "198.51.100.13" }), probe: skipped("private address", "10.0.0.9") }),
]);

function resultsFor(ip: string, stateOf: (port: number) => UserProbeResult["state"]): UserProbeResult[] {
  return userProbeTargets(report)
    .filter((t) => t.ip === ip)
    .map((t) => {
      const state = stateOf(t.port);
      const reason = { open: "syn-ack", closed: "conn-refused", filtered: "no-response", unknown: "undetermined" }[
        state
      ] as UserProbeResult["reason"];
      return { ip: t.ip, port: t.port, state, reason };
    });
}

const input = (results: UserProbeResult[], label = "TICKET-42"): UserVantageInput => ({
  label,
  source: "198.51.100.77",
  reportedAt: "2026-12-02T09:00:00.000Z",
  tool: "bash",
  results,
});

describe("the targets a user probes", () => {
  const targets = userProbeTargets(report);

  it("takes only addresses the dashboard probed, 32 spread ports with both ends, plus running jobs' ports", () => {
    expect(new Set(targets.map((t) => t.ip))).toEqual(new Set([A, B]));
    const alpha = targets.filter((t) => t.ip === A).map((t) => t.port);
    expect(alpha).toContain(64535);
    expect(alpha).toContain(65535);
    expect(alpha).toContain(65000);
    expect(alpha.length).toBe(33);
    expect(targets.filter((t) => t.ip === B)).toHaveLength(32);
  });

  it("takes one client's address and ports alone when asked from its page", () => {
    expect(new Set(userProbeTargets(report, "beta").map((t) => t.ip))).toEqual(new Set([B]));
    expect(userProbeTargets(report, "gamma")).toEqual([]);
  });

  it("stays within the cap on a large fleet", () => {
    const big = {
      ...report,
      clients: Array.from({ length: 118 }, (_, i) => ({ ...report.clients[1]!, name: `c${i}`, probedAddress: `198.51.100.${i + 2}` })),
    };
    const many = userProbeTargets(big);
    expect(many.length).toBeLessThanOrEqual(MAX_USER_PROBE_TARGETS);
    expect(new Set(many.map((t) => t.ip)).size).toBe(118);
  });
});

describe("an upload is checked against its request's own targets", () => {
  const targets = userProbeTargets(report);
  const line = (t: { ip: string; port: number }, rest = "closed conn-refused") => `${t.ip} ${t.port} ${rest}`;

  it("accepts results for its targets", () => {
    const checked = validateUpload(targets, { tool: "bash", results: targets.map((t) => line(t)) });
    expect(checked.ok && checked.results.length).toBe(targets.length);
  });

  it.each([
    ["another address", "198.51.100.200 64535 closed conn-refused", /not a target/],
    ["a port outside the sample", `${A} 64536 closed conn-refused`, /not a target/],
    ["markup", `<img src=x onerror=alert(1)> 64535 open syn-ack`, /not "address port state reason"/],
    ["an ANSI escape", `${A} 64535 open \u001b[31msyn-ack`, /not "address port state reason"/],
    ["a state with the wrong reason", `${A} 64535 open conn-refused`, /not "address port state reason"/],
  ])("refuses %s", (_what, bad, problem) => {
    const checked = validateUpload(targets, { tool: "bash", results: [line(targets[0]!), bad] });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.join("\n")).toMatch(problem);
  });

  it("refuses a target reported twice", () => {
    const checked = validateUpload(targets, { tool: "nc", results: [line(targets[0]!), line(targets[0]!, "open syn-ack")] });
    expect(!checked.ok && checked.problems[0]).toMatch(/reported twice/);
  });
});

describe("users' results as a vantage of the run", () => {
  it("adds a column to every client, a status naming the users' address, and nothing else when all answer", () => {
    const merged = withUserVantages(report, [input([...resultsFor(A, () => "closed"), ...resultsFor(B, () => "closed")])]);
    const name = userVantageName("TICKET-42");
    expect(merged.vantages).toEqual([expect.objectContaining({ name, host: "198.51.100.77", kind: "users", tool: "bash", usable: true })]);
    expect(merged.clients.map((c) => c.vantages?.[0]?.name)).toEqual([name, name, name]);
    expect(merged.clients[0]!.vantages![0]).toMatchObject({ address: A, counts: { open: 0, closed: 33, filtered: 0 }, probed: 33 });
    expect(merged.clients[2]!.vantages![0]).toMatchObject({ address: null, reason: expect.stringMatching(/did not cover/) });
    expect(merged.clients.map((c) => c.verdict)).toEqual(report.clients.map((c) => c.verdict));
    expect(reportSchema.safeParse(merged).success).toBe(true);
  });

  it("names the path between the users and a client the dashboard reaches: a finding, broken, and where reruns fail from", () => {
    const merged = withUserVantages(report, [
      input([...resultsFor(A, (p) => (p < 65000 ? "filtered" : "closed")), ...resultsFor(B, () => "closed")]),
    ]);
    const alpha = merged.clients[0]!;
    const users = alpha.findings.find((f) => f.code === "RERUN_PORTS_FILTERED_FROM_USERS")!;
    expect(users.severity).toBe("error");
    expect(users.title).toMatch(/users \(reported by TICKET-42\): part of 64535–65535/);
    expect(users.detail).toMatch(/198\.51\.100\.77/);
    expect(users.detail).toMatch(/between the users' network and this Nomad client/);
    expect(users.remediation).toMatch(/security group from the users' network \(198\.51\.100\.77/);
    expect(alpha.verdict).toBe("broken");
    expect(alpha.rerunsFailFrom).toEqual([userVantageName("TICKET-42")]);
    expect(merged.clients[1]!.findings.some((f) => f.code === "RERUN_PORTS_FILTERED_FROM_USERS")).toBe(false);
  });

  it("leaves undetermined ports out of the counts and says how many", () => {
    const merged = withUserVantages(report, [input(resultsFor(B, (p) => (p === 64535 ? "unknown" : "closed")))]);
    expect(merged.clients[1]!.vantages![0]).toMatchObject({ undetermined: 1, probed: 31, counts: { open: 0, closed: 31, filtered: 0 } });
  });

  it("keeps two requests with one label apart", () => {
    const merged = withUserVantages(report, [input(resultsFor(A, () => "closed")), input(resultsFor(A, () => "closed"))]);
    expect(merged.vantages!.map((v) => v.name)).toEqual(["users (reported by TICKET-42)", "users (reported by TICKET-42) #2"]);
  });

  it("is redacted like every vantage: no users' address and no label survive", () => {
    const merged = withUserVantages(report, [input(resultsFor(A, () => "filtered"))]);
    const text = JSON.stringify(redactReport(merged));
    expect(text).not.toContain("198.51.100.77");
    expect(text).not.toContain("TICKET-42");
    expect(text).toContain("RERUN_PORTS_FILTERED_FROM_USERS");
    expect(text).toContain("2026-12-02T09:00:00.000Z");
  });
});

describe("the users' addresses, for checks that take the users' CIDRs", () => {
  it("gives each users vantage's source as a CIDR, once", () => {
    const v6 = { ...input([]), source: "2001:db8:1:2::/64" };
    const merged = withUserVantages(report, [input([]), input([], "other"), v6]);
    expect(userSourceCidrs(merged)).toEqual(["198.51.100.77/32", "2001:db8:1:2::/64"]);
    expect(userSourceCidrs(report)).toEqual([]);
  });
});
