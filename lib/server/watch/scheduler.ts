import "server-only";
import { randomUUID } from "node:crypto";
import { isAppError } from "../../common/app-error";
import { loadInventory } from "../../inventory/load";
import { MAX_SCHEDULE_MINUTES, MIN_SCHEDULE_MINUTES } from "../../inventory/watch-schema";
import { listDailySummaries, type DailySummary } from "../../store/watch-compaction";
import { ScheduleRepo, type ScheduleState } from "../../store/watch-schedule";
import { serverConfig } from "../config";
import { dbHandle } from "../db-handle";
import { startRun } from "../run-manager";

/**
 * Test-only: a schedule in seconds (2–3600), over the inventory's and the dashboard's minutes, so the
 * lab test need not wait minutes. Printed as a warning at start; never set it in production.
 */
export const TEST_SECONDS_ENV = "RERUN_DOCTOR_SCHEDULE_TEST_SECONDS";

export interface ScheduleStatus extends ScheduleState {
  /** The interval in force and who set it; null: no schedule. */
  readonly effectiveS: number | null;
  readonly source: "test" | "dashboard" | "inventory" | null;
}

export function testIntervalS(env: Readonly<Record<string, string | undefined>> = process.env): number | null {
  const text = env[TEST_SECONDS_ENV]?.trim();
  if (!text) return null;
  const seconds = Number(text);
  return Number.isInteger(seconds) && seconds >= 2 && seconds <= 3600 ? seconds : null;
}

function inventoryIntervalS(): number | null {
  const file = serverConfig().inventoryFile;
  if (!file) return null;
  try {
    const minutes = loadInventory(file).watch?.everyMinutes;
    return minutes ? minutes * 60 : null;
  } catch {
    return null; // an invalid inventory shows on the dashboard; the schedule waits for it to be fixed
  }
}

export function scheduleStatus(): ScheduleStatus {
  const state = new ScheduleRepo(dbHandle().db).get();
  if (!serverConfig().inventoryFile) return { ...state, effectiveS: null, source: null };
  const test = testIntervalS();
  if (test !== null) return { ...state, effectiveS: test, source: "test" };
  if (state.intervalS !== null) return { ...state, effectiveS: state.intervalS, source: "dashboard" };
  const fromInventory = inventoryIntervalS();
  return { ...state, effectiveS: fromInventory, source: fromInventory === null ? null : "inventory" };
}

export function dailySummaries(): DailySummary[] {
  return listDailySummaries(dbHandle().db);
}

/** The dashboard's setting, in whole minutes within the inventory's bounds; null goes back to the inventory. */
export function setScheduleMinutes(minutes: number | null): void {
  if (minutes !== null && (!Number.isInteger(minutes) || minutes < MIN_SCHEDULE_MINUTES || minutes > MAX_SCHEDULE_MINUTES))
    throw new Error(`schedule must be ${MIN_SCHEDULE_MINUTES}-${MAX_SCHEDULE_MINUTES} minutes`);
  new ScheduleRepo(dbHandle().db).setInterval(minutes === null ? null : minutes * 60, new Date());
}

/** One look at the clock: start the due run, skip it if the last one still runs, or do nothing. */
export function scheduleTick(now: Date = new Date()): void {
  const { effectiveS } = scheduleStatus();
  if (effectiveS === null) return;
  const repo = new ScheduleRepo(dbHandle().db);
  const claim = repo.claim(now, effectiveS, randomUUID());
  if (claim.kind === "skip") console.log(`rerun-doctor: schedule: ${claim.reason}`);
  if (claim.kind !== "run") return;
  try {
    startRun("ui", { id: claim.runId, trigger: "scheduled" });
    console.log(`rerun-doctor: schedule: started run ${claim.runId} (every ${effectiveS} s)`);
  } catch (error) {
    const message = isAppError(error) ? [error.message, ...error.problems.slice(0, 3)].join("; ") : "internal error";
    repo.recordSkip(`${now.toISOString()}: scheduled run not started: ${message}`, now);
    console.error(`rerun-doctor: schedule: run not started: ${message.slice(0, 300)}`);
  }
}

const KEY = Symbol.for("rerun-doctor.scheduler");
type Holder = { [KEY]?: NodeJS.Timeout };

/** Started once per server process (instrumentation.ts). The timer never keeps the process alive. */
export function startScheduler(): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  const test = testIntervalS();
  if (test !== null) process.stderr.write(`rerun-doctor: warning: ${TEST_SECONDS_ENV}=${test}: test-only schedule in seconds\n`);
  const tickMs = test !== null ? 500 : 5000;
  const loop = () => {
    try {
      scheduleTick();
    } catch (error) {
      console.error(`rerun-doctor: schedule: ${(error as Error).message?.slice(0, 300)}`);
    }
    holder[KEY] = setTimeout(loop, tickMs).unref();
  };
  holder[KEY] = setTimeout(loop, 1000).unref();
}
