import { describe, expect, it } from "vitest";
import { makeObservation, makeImds, overrideFile, portProbes, probed, sessionFailed } from "../diagnose/test-fixtures";
import { diffReports } from "./diff";
import { reportOf } from "./test-fixtures";

const healthy = (name: string, host: string) =>
  makeObservation({
    target: { name, host },
    facts: { interfaces: [host], imds: makeImds({ publicIpv4: { status: 200, value: `${host}0` } }) },
  });

describe("diffReports", () => {
  const before = reportOf(
    [
      healthy("stays", "198.51.100.11"),
      healthy("fixed", "198.51.100.12"),
      makeObservation({
        target: { name: "breaks", host: "198.51.100.13" },
        facts: { override: overrideFile("198.51.100.13\n"), interfaces: ["198.51.100.13"] },
      }),
      healthy("gone", "198.51.100.14"),
    ],
    "run-a",
  );
  before.clients[1] = {
    ...before.clients[1]!,
    verdict: "broken",
    findings: [{ code: "RERUN_PORTS_FILTERED", severity: "error", title: "t", detail: "d", remediation: "r" }],
    ports: { open: 0, closed: 0, filtered: 1001 },
  };
  const after = reportOf(
    [
      healthy("new", "198.51.100.15"),
      healthy("stays", "198.51.100.11"),
      healthy("fixed", "198.51.100.12"),
      makeObservation({
        target: { name: "breaks", host: "198.51.100.13" },
        facts: { override: overrideFile(""), interfaces: ["198.51.100.13"] },
        probe: probed(portProbes((port) => (port > 65000 ? "filtered" : "closed"))),
      }),
    ],
    "run-b",
  );
  const diff = diffReports(before, after);
  const of = (name: string) => diff.clients.find((c) => c.name === name)!;

  it("lists clients in the newer run's order, then removed ones, and counts each kind", () => {
    expect(diff.clients.map((c) => [c.name, c.change])).toEqual([
      ["new", "added"],
      ["stays", "unchanged"],
      ["fixed", "changed"],
      ["breaks", "changed"],
      ["gone", "removed"],
    ]);
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 1 });
    expect([diff.before.runId, diff.after.runId]).toEqual(["run-a", "run-b"]);
  });

  it("names verdict, port and finding changes", () => {
    expect(of("fixed")).toMatchObject({
      verdict: { before: "broken", after: "ok" },
      findingsAdded: [],
      findingsRemoved: ["RERUN_PORTS_FILTERED"],
      advertisedIp: null,
      override: null,
    });
    expect(of("fixed").ports).toEqual({ before: { open: 0, closed: 0, filtered: 1001 }, after: { open: 0, closed: 1001, filtered: 0 } });
    expect(of("stays")).toMatchObject({ verdict: null, ports: null, findingsAdded: [], findingsRemoved: [] });
  });

  it("names an override whose content changed and the advertised IP it moved", () => {
    const breaks = of("breaks");
    expect(breaks.override).toEqual({ before: { exists: true, preview: "198.51.100.13\\n" }, after: { exists: true, preview: "" } });
    expect(breaks.advertisedIp).toEqual({ before: "198.51.100.13", after: null });
    expect(breaks.findingsAdded).toEqual(expect.arrayContaining(["OVERRIDE_EMPTY", "RERUN_PORTS_PARTIALLY_FILTERED"]));
    expect(breaks.verdict).toEqual({ before: "ok", after: "broken" });
  });

  it("gives added and removed clients one-sided changes, and no override change when a run could not read it", () => {
    expect(of("new")).toMatchObject({ verdict: { before: null, after: "ok" }, ports: null, findingsRemoved: [] });
    expect(of("gone")).toMatchObject({ verdict: { before: "ok", after: null } });
    const unreachable = reportOf([
      makeObservation({
        target: { name: "breaks" },
        collect: sessionFailed({ kind: "unreachable", reason: "timeout", message: "timed out" }),
      }),
    ]);
    const d = diffReports(before, unreachable).clients.find((c) => c.name === "breaks")!;
    expect(d.override).toBeNull();
    expect(d.findingsAdded).toEqual(["SSH_UNREACHABLE"]);
  });

  it("finds nothing between a run and itself", () => {
    expect(diffReports(after, after).counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 4 });
  });
});
