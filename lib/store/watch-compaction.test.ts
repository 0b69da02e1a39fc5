import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSignature } from "../report/watch-changes";
import { finding, watchClient as client, watchReport } from "../report/test-watch-reports";
import type { ClientReport } from "../report/schema";
import { openDatabase } from "./db";
import { RunsRepo, type RunTrigger } from "./runs-repo";
import { SharesRepo } from "./shares-repo";
import { UserProbesRepo } from "./user-probes-repo";
import { compactRuns, listDailySummaries, setRunSignature } from "./watch-compaction";

const dir = mkdtempSync(join(tmpdir(), "rd-compaction-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const context = { serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } };
const healthy = [client("a", "ok"), client("b", "ok")];
const broken = [client("a", "broken", [finding("RERUN_PORTS_FILTERED")]), client("b", "ok")];

describe("compactRuns on a real SQLite file", () => {
  it("folds scheduled runs inside an unchanged stretch and keeps its ends, manual, shared, user-probed and interrupted runs", () => {
    const db = openDatabase(dir);
    const runs = new RunsRepo(db);
    let minute = 0;
    const add = (id: string, trigger: RunTrigger, clients: ClientReport[], status: "done" | "interrupted" = "done", day = "01") => {
      const startedAt = `2026-12-${day}T10:${String(minute++).padStart(2, "0")}:00.000Z`;
      const report = watchReport(id, clients, undefined, startedAt);
      runs.create({ id, startedAt, origin: "ui", trigger, totalClients: clients.length, context });
      if (status === "interrupted") return runs.interrupt(id, startedAt);
      runs.finish(report, new Map(clients.map((c, i) => [c.name, i])));
      setRunSignature(db, id, runSignature(report));
    };
    add("m1", "manual", healthy);
    add("s1", "scheduled", healthy); // same as m1 and s2: folded
    add("s2", "scheduled", healthy); // the last before a change (the base of its alert): kept
    add("x1", "scheduled", healthy, "interrupted"); // kept: not finished
    add("s3", "scheduled", broken); // a change: kept
    add("s4", "scheduled", broken); // same as both sides: folded
    add("s5", "scheduled", broken); // shared: kept
    add("s9", "scheduled", broken); // a user was asked to check it: kept
    add("m2", "manual", broken); // manual: kept
    add("s6", "scheduled", broken, "done", "02"); // same, next day: folded
    add("s7", "scheduled", broken, "done", "02"); // the newest: kept
    new SharesRepo(db).create("s5", { redact: false });
    new UserProbesRepo(db).create("s9", { label: "ticket 1", targets: [] });

    expect(compactRuns(db)).toBe(3);
    const left = (db.prepare("SELECT id FROM runs ORDER BY started_at").all() as { id: string }[]).map((r) => r.id);
    expect(left).toEqual(["m1", "s2", "x1", "s3", "s5", "s9", "m2", "s7"]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM run_clients WHERE run_id IN ('s1', 's4', 's6')").get()).toEqual({ n: 0 });
    expect(listDailySummaries(db)).toEqual([
      {
        day: "2026-12-02",
        collapsedRuns: 1,
        firstStartedAt: "2026-12-02T10:09:00.000Z",
        lastStartedAt: "2026-12-02T10:09:00.000Z",
        counts: { ok: 1, degraded: 0, broken: 1, unknown: 0 },
      },
      {
        day: "2026-12-01",
        collapsedRuns: 2,
        firstStartedAt: "2026-12-01T10:01:00.000Z",
        lastStartedAt: "2026-12-01T10:05:00.000Z",
        counts: { ok: 1, degraded: 0, broken: 1, unknown: 0 },
      },
    ]);

    add("s8", "scheduled", broken, "done", "02"); // now s7 sits inside the stretch, and is folded
    expect(compactRuns(db)).toBe(1);
    expect(compactRuns(db)).toBe(0);
    expect(listDailySummaries(db)[0]).toMatchObject({ day: "2026-12-02", collapsedRuns: 2 });
    db.close();
  });
});
