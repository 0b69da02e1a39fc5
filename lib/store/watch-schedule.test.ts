import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db";
import { RunsRepo } from "./runs-repo";
import { ScheduleRepo } from "./watch-schedule";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "rd-schedule-"));
  dirs.push(dir);
  return dir;
};
const context = { serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } };
const at = (s: number) => new Date(Date.parse("2026-12-01T00:00:00.000Z") + s * 1000);

describe("ScheduleRepo on a real SQLite file", () => {
  it("runs when due, waits until the next slot, and skips a slot whose previous run still runs", () => {
    const db = openDatabase(fresh());
    const schedule = new ScheduleRepo(db);
    const runs = new RunsRepo(db);
    expect(schedule.claim(at(0), 300, "r1")).toEqual({ kind: "run", runId: "r1" });
    runs.create({ id: "r1", startedAt: at(0).toISOString(), origin: "ui", trigger: "scheduled", totalClients: 1, context });
    expect(schedule.claim(at(10), 300, "r2")).toEqual({ kind: "wait", dueAt: at(300).toISOString() });
    const skipped = schedule.claim(at(300), 300, "r2");
    expect(skipped).toMatchObject({ kind: "skip" });
    expect(schedule.get()).toMatchObject({ nextDueAt: at(600).toISOString(), lastRunId: "r1" });
    expect(schedule.get().lastSkip).toContain("previous scheduled run r1 still running");
    runs.interrupt("r1", at(400).toISOString());
    expect(schedule.claim(at(600), 300, "r3")).toEqual({ kind: "run", runId: "r3" });
    expect(schedule.get()).toMatchObject({ nextDueAt: at(900).toISOString(), lastRunId: "r3", lastStartedAt: at(600).toISOString() });
    db.close();
  });

  it("after a restart resumes at the stored slot (no extra run), and after downtime runs once, not once per missed slot", () => {
    const dir = fresh();
    const first = openDatabase(dir);
    expect(new ScheduleRepo(first).claim(at(0), 60, "r1").kind).toBe("run");
    first.close();

    const second = openDatabase(dir);
    const schedule = new ScheduleRepo(second);
    expect(schedule.claim(at(30), 60, "r2")).toEqual({ kind: "wait", dueAt: at(60).toISOString() });
    expect(schedule.claim(at(3600), 60, "r2")).toEqual({ kind: "run", runId: "r2" });
    expect(schedule.claim(at(3601), 60, "r3").kind).toBe("wait");
    expect(schedule.get().nextDueAt).toBe(at(3660).toISOString());
    second.close();
  });

  it("lets only one of two processes claim a slot", () => {
    const dir = fresh();
    const a = openDatabase(dir);
    const b = openDatabase(dir);
    const claims = [new ScheduleRepo(a).claim(at(0), 60, "from-a"), new ScheduleRepo(b).claim(at(0), 60, "from-b")];
    expect(claims.map((c) => c.kind)).toEqual(["run", "wait"]);
    a.close();
    b.close();
  });

  it("takes the dashboard's interval, bringing the next run closer but never pushing it later", () => {
    const db = openDatabase(fresh());
    const schedule = new ScheduleRepo(db);
    schedule.claim(at(0), 3600, "r1");
    schedule.setInterval(60, at(10));
    expect(schedule.get()).toMatchObject({ intervalS: 60, nextDueAt: at(70).toISOString() });
    schedule.setInterval(7200, at(20));
    expect(schedule.get()).toMatchObject({ intervalS: 7200, nextDueAt: at(70).toISOString() });
    schedule.setInterval(null, at(30));
    expect(schedule.get().intervalS).toBeNull();
    // The inventory's interval shrank while a far slot was stored: the wait is cut to one interval.
    schedule.setInterval(7200, at(40));
    db.prepare("UPDATE schedule_state SET next_due_at = ?").run(at(7000).toISOString());
    expect(schedule.claim(at(50), 60, "r2")).toEqual({ kind: "wait", dueAt: at(110).toISOString() });
    db.close();
  });
});
