import "server-only";
import type { WatchSettings } from "../../inventory/watch-schema";
import type { Report } from "../../report/schema";
import { hasChanges, runChanges, runSignature } from "../../report/watch-changes";
import { alertPayload } from "../../report/watch-payloads";
import type { RunTrigger } from "../../store/runs-repo";
import { AlertLog } from "../../store/watch-alert-log";
import { compactRuns, setRunSignature } from "../../store/watch-compaction";
import { dbHandle } from "../db-handle";
import { publicOrigin } from "../public-url";
import { deliverAlert } from "./deliver";

interface RunMeta {
  readonly trigger: RunTrigger;
  readonly watch: WatchSettings | undefined;
}

const KEY = Symbol.for("rerun-doctor.watch-runs");
type Holder = { [KEY]?: Map<string, RunMeta> };
const metas = () => ((globalThis as Holder)[KEY] ??= new Map());

/** Called as a run starts: what the alert for it needs, taken from the inventory it ran with. */
export function rememberRun(id: string, meta: RunMeta): void {
  metas().set(id, meta);
}

export function forgetRun(id: string): void {
  metas().delete(id);
}

/** Where alert links point: RERUN_DOCTOR_PUBLIC_URL, else where this server listens. */
export function linkBase(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const host = env.HOST?.trim() || "127.0.0.1";
  return publicOrigin(env) ?? `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT?.trim() || "3000"}`;
}

function previousDone(report: Report): Report | null {
  const { db, runs } = dbHandle();
  const row = db
    .prepare("SELECT id FROM runs WHERE status = 'done' AND id != ? AND started_at <= ? ORDER BY started_at DESC, id DESC LIMIT 1")
    .get(report.runId, report.startedAt) as { id: string } | undefined;
  return row ? (runs.get(row.id)?.report ?? null) : null;
}

/**
 * A run finished: compare it with the finished run before it, alert once for everything that crossed
 * the works/broken line, then compact history. Never throws and never waits for delivery.
 */
export function runFinished(report: Report): void {
  const meta = metas().get(report.runId);
  forgetRun(report.runId);
  try {
    const { db } = dbHandle();
    setRunSignature(db, report.runId, runSignature(report));
    const before = previousDone(report);
    const changes = before && runChanges(before, report);
    if (changes && hasChanges(changes)) {
      const payload = alertPayload(report, changes, { baseUrl: linkBase(), trigger: meta?.trigger ?? "manual" });
      const alerts = meta?.watch?.alerts;
      const targets = alerts ? alerts.webhooks.length + alerts.slack.length + (alerts.email ? 1 : 0) : 0;
      console.log(`rerun-doctor: run ${report.runId}: ${payload.summary}; ${targets} alert target(s)`);
      if (alerts && targets > 0) void sendAndRecord(payload, alerts);
    }
    const collapsed = compactRuns(db);
    if (collapsed > 0) console.log(`rerun-doctor: compaction folded ${collapsed} identical scheduled run(s) into daily summaries`);
  } catch (error) {
    console.error(`rerun-doctor: after run ${report.runId}: ${(error as Error).message?.slice(0, 300)}`);
  }
}

async function sendAndRecord(payload: Parameters<typeof deliverAlert>[0], alerts: Parameters<typeof deliverAlert>[1]): Promise<void> {
  try {
    const deliveries = await deliverAlert(payload, alerts, process.env);
    const log = new AlertLog(dbHandle().db);
    for (const delivery of deliveries) {
      log.record(delivery);
      const outcome = delivery.ok ? `sent (${delivery.attempts} attempt(s))` : `FAILED after ${delivery.attempts}: ${delivery.error}`;
      const line = `rerun-doctor: alert ${delivery.channel} ${delivery.target} for run ${payload.runId}: ${outcome}`;
      if (delivery.ok) console.log(line);
      else console.error(line);
    }
  } catch (error) {
    // Delivery never throws; only the store can: a lost record must not crash the server.
    console.error(`rerun-doctor: alerts for run ${payload.runId} not recorded: ${(error as Error).message?.slice(0, 200)}`);
  }
}
