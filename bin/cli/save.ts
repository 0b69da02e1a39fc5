import type { Report } from "../../lib/report/schema";
import { dataDir, openDatabase } from "../../lib/store/db";
import { RunsRepo } from "../../lib/store/runs-repo";

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_DASHBOARD_URL = "http://127.0.0.1:3000";

/** The run's page on the dashboard; RERUN_DOCTOR_URL names where the dashboard is served. */
export function runLink(runId: string, env: Env = process.env): string {
  const base = (env.RERUN_DOCTOR_URL?.trim() || DEFAULT_DASHBOARD_URL).replace(/\/+$/, "");
  return `${base}/?run=${encodeURIComponent(runId)}`;
}

/**
 * Writes a finished CLI run into the dashboard's store (origin "cli"), in one transaction, so a
 * dashboard reading the same file never sees it half written. A run cut short by Ctrl-C is kept as interrupted.
 */
export function saveRun(report: Report, options: { interrupted: boolean }, env: Env = process.env): { url: string } {
  const db = openDatabase(dataDir(env));
  try {
    const runs = new RunsRepo(db);
    const positions = new Map(report.clients.map((client, index) => [client.name, index]));
    db.transaction(() => {
      runs.create({
        id: report.runId,
        startedAt: report.startedAt,
        origin: "cli",
        totalClients: report.clients.length,
        context: report.inventory,
      });
      if (!options.interrupted) return runs.finish(report, positions);
      report.clients.forEach((client, index) => runs.saveClient(report.runId, index, client));
      runs.interrupt(report.runId, report.finishedAt ?? new Date().toISOString());
    })();
  } finally {
    db.close();
  }
  return { url: runLink(report.runId, env) };
}
