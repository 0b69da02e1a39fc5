import "server-only";
import { Gauge, Registry } from "prom-client";
import { VERDICTS } from "../../diagnose/types";
import type { StoredRun } from "../../store/runs-repo";
import { dbHandle } from "../db-handle";
import { scheduleStatus } from "./scheduler";

const seconds = (iso: string | null) => (iso === null ? null : Date.parse(iso) / 1000);

function newestDoneRun(): StoredRun | null {
  const { db, runs } = dbHandle();
  const row = db.prepare("SELECT id FROM runs WHERE status = 'done' ORDER BY started_at DESC, id DESC LIMIT 1").get() as
    { id: string } | undefined;
  return row ? runs.get(row.id) : null;
}

/**
 * A fresh registry per scrape, from the newest finished run: nothing accumulates in process memory.
 * Labels are client names, verdicts, finding codes, severities and port states (no IPs, no texts).
 */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
  const verdict = gauge("rerun_doctor_client_verdict", "1 for the client's verdict in the newest finished run, 0 for the others", [
    "client",
    "verdict",
  ]);
  const clients = gauge("rerun_doctor_clients", "Clients per verdict in the newest finished run", ["verdict"]);
  const findings = gauge("rerun_doctor_findings", "Findings per code and severity in the newest finished run (clients and fleet)", [
    "code",
    "severity",
  ]);
  const ports = gauge("rerun_doctor_ports", "Rerun-range ports per state, as probed from the dashboard in the newest finished run", [
    "client",
    "state",
  ]);
  const duration = gauge("rerun_doctor_last_run_duration_seconds", "How long the newest finished run took");
  const success = gauge("rerun_doctor_last_success_timestamp_seconds", "When the newest finished run ended (Unix time)");
  const started = gauge("rerun_doctor_last_run_start_timestamp_seconds", "When the newest run of any status started (Unix time)");
  const running = gauge("rerun_doctor_run_in_progress", "1 while the newest run is still running");
  const interval = gauge("rerun_doctor_schedule_interval_seconds", "The schedule's interval; 0 when no schedule is set");
  const nextDue = gauge("rerun_doctor_schedule_next_due_timestamp_seconds", "When the next scheduled run is due (Unix time)");

  const done = newestDoneRun();
  if (done) {
    for (const v of VERDICTS) clients.set({ verdict: v }, 0);
    const counts = new Map<string, number>();
    for (const client of done.report.clients) {
      for (const v of VERDICTS) verdict.set({ client: client.name, verdict: v }, client.verdict === v ? 1 : 0);
      clients.inc({ verdict: client.verdict });
      for (const state of ["open", "closed", "filtered"] as const) ports.set({ client: client.name, state }, client.ports[state]);
      for (const f of client.findings) counts.set(`${f.code}\u0000${f.severity}`, (counts.get(`${f.code}\u0000${f.severity}`) ?? 0) + 1);
    }
    for (const f of done.report.findings ?? [])
      counts.set(`${f.code}\u0000${f.severity}`, (counts.get(`${f.code}\u0000${f.severity}`) ?? 0) + 1);
    for (const [key, n] of counts) {
      const [code, severity] = key.split("\u0000");
      findings.set({ code: code!, severity: severity! }, n);
    }
    const end = seconds(done.report.finishedAt);
    if (end !== null) {
      success.set(end);
      duration.set(Math.max(0, end - seconds(done.report.startedAt)!));
    }
  }
  const newest = dbHandle().db.prepare("SELECT status, started_at FROM runs ORDER BY started_at DESC, id DESC LIMIT 1").get() as
    { status: string; started_at: string } | undefined;
  if (newest) {
    started.set(seconds(newest.started_at)!);
    running.set(newest.status === "running" ? 1 : 0);
  }
  const deliveries = gauge("rerun_doctor_alert_deliveries_last_day", "Alert messages of the last 24 hours per channel and result", [
    "channel",
    "result",
  ]);
  const since = new Date(Date.now() - 86_400_000).toISOString();
  const rows = dbHandle()
    .db.prepare("SELECT channel, ok, COUNT(*) AS n FROM alert_deliveries WHERE at >= ? GROUP BY channel, ok")
    .all(since) as { channel: string; ok: number; n: number }[];
  for (const row of rows) deliveries.set({ channel: row.channel, result: row.ok ? "sent" : "failed" }, row.n);
  const schedule = scheduleStatus();
  interval.set(schedule.effectiveS ?? 0);
  if (schedule.effectiveS !== null && schedule.nextDueAt) nextDue.set(seconds(schedule.nextDueAt)!);
  return { body: await registry.metrics(), contentType: registry.contentType };
}
