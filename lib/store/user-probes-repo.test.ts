import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reportOf } from "../report/test-fixtures";
import { makeObservation, makeTarget } from "../diagnose/test-fixtures";
import { openDatabase } from "./db";
import { RunsRepo } from "./runs-repo";
import { hashUserProbeToken, UserProbesRepo } from "./user-probes-repo";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse("2026-12-02T08:00:00.000Z");
const TARGETS = [
  { ip: "198.51.100.131", port: 64535 },
  { ip: "198.51.100.131", port: 65535 },
];

function setup(clock: { t: number }) {
  const dir = mkdtempSync(join(tmpdir(), "rd-user-probes-"));
  dirs.push(dir);
  const db = openDatabase(dir);
  const runs = new RunsRepo(db);
  const report = reportOf([makeObservation({ target: makeTarget({ name: "alpha" }) })], "run-1");
  runs.create({ id: "run-1", startedAt: report.startedAt, origin: "ui", totalClients: 1, context: report.inventory });
  runs.finish(report, new Map([["alpha", 0]]));
  runs.create({ id: "run-2", startedAt: report.startedAt, origin: "ui", totalClients: 0, context: report.inventory });
  return { db, runs, probes: new UserProbesRepo(db, () => clock.t) };
}

describe("UserProbesRepo on a real SQLite file", () => {
  it("stores only the token's SHA-256, and resolves a token to its run and targets for 24 h by default", () => {
    const clock = { t: T0 };
    const { db, probes } = setup(clock);
    const { token, id, expiresAt } = probes.create("run-1", { label: "T-1", targets: TARGETS });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toBe(new Date(T0 + 24 * HOUR).toISOString());
    const stored = JSON.stringify(db.prepare("SELECT * FROM user_probes").all());
    expect(stored).not.toContain(token);
    expect(stored).toContain(hashUserProbeToken(token));
    expect(probes.resolve(token)).toMatchObject({ runId: "run-1", label: "T-1", targets: TARGETS });
    expect(id).toBe(hashUserProbeToken(token).slice(0, 16));
  });

  it("answers null for a malformed, unknown, expired or revoked token", () => {
    const clock = { t: T0 };
    const { probes } = setup(clock);
    const { token, id } = probes.create("run-1", { label: "T-1", targets: TARGETS, ttlHours: 1 });
    clock.t = T0 + 1;
    const other = probes.create("run-1", { label: "T-2", targets: TARGETS });
    expect(probes.resolve("short")).toBeNull();
    expect(probes.resolve("A".repeat(43))).toBeNull();
    expect(probes.revoke("run-2", id)).toBe(false);
    expect(probes.resolve(token)).not.toBeNull();
    clock.t = T0 + HOUR + 1;
    expect(probes.resolve(token)).toBeNull();
    expect(probes.revoke("run-1", other.id)).toBe(true);
    expect(probes.resolve(other.token)).toBeNull();
    expect(probes.list("run-1").map((p) => [p.label, p.active, p.revokedAt !== null])).toEqual([
      ["T-1", false, false],
      ["T-2", false, true],
    ]);
  });

  it("keeps the latest upload, and the run's report and version follow it", () => {
    const clock = { t: T0 };
    const { runs, probes } = setup(clock);
    const { token } = probes.create("run-1", { label: "T-1", targets: TARGETS });
    const before = runs.version("run-1");
    expect(runs.get("run-1")!.report.vantages).toBeUndefined();
    const hash = probes.resolve(token)!.tokenHash;
    const closed = { ip: "198.51.100.131", port: 64535, state: "closed", reason: "conn-refused" } as const;
    probes.record(hash, { tool: "bash", results: [closed] }, "198.51.100.77");
    clock.t += 1000;
    probes.record(hash, { tool: "nc", results: [{ ...closed, state: "filtered", reason: "no-response" }] }, "198.51.100.78");
    expect(runs.version("run-1")).not.toBe(before);
    const report = runs.get("run-1")!.report;
    expect(report.vantages).toEqual([expect.objectContaining({ name: "users (reported by T-1)", host: "198.51.100.78", tool: "nc" })]);
    expect(report.clients[0]!.findings.map((f) => f.code)).toContain("RERUN_PORTS_FILTERED_FROM_USERS");
    expect(probes.list("run-1")[0]).toMatchObject({ uploads: 2, results: 1, source: "198.51.100.78", tool: "nc" });
    expect(runs.get("run-2")!.report.vantages).toBeUndefined();
  });
});
