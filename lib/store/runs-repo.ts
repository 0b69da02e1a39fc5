import type { Database } from "better-sqlite3";
import { clientReportSchema, type ClientReport, type NomadDiscoveryReport, type Report } from "../report/schema";
import { withUserVantages } from "../report/user-vantage";
import { UserProbeResults } from "./user-probe-results";

/** The SQL CHECK of migration 1 holds the same words; a new one needs a migration. */
export const RUN_STATUSES = ["running", "done", "interrupted"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_ORIGINS = ["ui", "api", "cli"] as const;
export type RunOrigin = (typeof RUN_ORIGINS)[number];
/** Migration 3: an admin's run (any origin) or the schedule's (origin 'ui': the dashboard server started it). */
export const RUN_TRIGGERS = ["manual", "scheduled"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Stored beside a run: what Nomad discovery found (known once planned). */
export interface StoredPlan {
  readonly nomad: NomadDiscoveryReport | null;
}

/** The report's fleet-level parts, which belong to no one client row. */
type FleetParts = Pick<Report, "nomad" | "vantages" | "machines" | "findings" | "usersNetworks">;

export interface RunContext {
  readonly serverVersion: string;
  readonly rerunPorts: { readonly from: number; readonly to: number };
}

export interface StoredRun {
  readonly id: string;
  readonly status: RunStatus;
  readonly origin: RunOrigin;
  readonly trigger: RunTrigger;
  readonly totalClients: number;
  readonly report: Report;
}

interface RunRow {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  origin: RunOrigin;
  trigger: RunTrigger;
  total_clients: number;
  context_json: string;
}

/** Runs and their per-client results; each client is written as it finishes, so nothing finished is lost. */
export class RunsRepo {
  constructor(private readonly db: Database) {}

  create(run: { id: string; startedAt: string; origin: RunOrigin; trigger?: RunTrigger; totalClients: number; context: RunContext }): void {
    this.db
      .prepare("INSERT INTO runs (id, started_at, status, origin, total_clients, context_json) VALUES (?, ?, 'running', ?, ?, ?)")
      .run(run.id, run.startedAt, run.origin, run.totalClients, JSON.stringify(run.context));
    // The column's default is 'manual' (migration 3); only the schedule's runs need the write.
    if (run.trigger === "scheduled") this.db.prepare("UPDATE runs SET trigger = 'scheduled' WHERE id = ?").run(run.id);
  }

  /** Once discovery has run: the real number of clients, and the Nomad section of the report. */
  setPlan(runId: string, totalClients: number, plan: StoredPlan): void {
    this.db.prepare("UPDATE runs SET total_clients = ? WHERE id = ?").run(totalClients, runId);
    this.mergeContext(runId, { nomad: plan.nomad });
  }

  private mergeContext(runId: string, parts: FleetParts): void {
    const row = this.db.prepare("SELECT context_json FROM runs WHERE id = ?").get(runId) as { context_json: string } | undefined;
    if (!row) return;
    const context = { ...(JSON.parse(row.context_json) as object), ...definedParts(parts) };
    this.db.prepare("UPDATE runs SET context_json = ? WHERE id = ?").run(JSON.stringify(context), runId);
  }

  saveClient(runId: string, position: number, client: ClientReport): void {
    this.db
      .prepare("INSERT OR REPLACE INTO run_clients (run_id, position, name, verdict, report_json) VALUES (?, ?, ?, ?, ?)")
      .run(runId, position, client.name, client.verdict, JSON.stringify(client));
  }

  /** The final report replaces per-client rows at once (fleet-wide findings arrive only then). */
  finish(report: Report, positions: ReadonlyMap<string, number>): void {
    this.db.transaction(() => {
      for (const client of report.clients) this.saveClient(report.runId, positions.get(client.name) ?? 0, client);
      this.mergeContext(report.runId, {
        nomad: report.nomad,
        vantages: report.vantages,
        machines: report.machines,
        findings: report.findings,
        usersNetworks: report.usersNetworks,
      });
      this.db.prepare("UPDATE runs SET status = 'done', finished_at = ? WHERE id = ?").run(report.finishedAt, report.runId);
    })();
  }

  interrupt(runId: string, at: string): void {
    this.db.prepare("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'").run(at, runId);
  }

  /** At start-up: a run still 'running' belonged to a process that is gone. */
  interruptOrphans(at: string): number {
    return this.db.prepare("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'").run(at).changes;
  }

  /**
   * Changes whenever what get(id) returns changes: a row replaced gets a new rowid, and status,
   * total and finish time come with it. Cheap, so polls can skip unchanged runs.
   */
  version(id: string): string | null {
    const row = this.db
      .prepare(
        `SELECT r.status, r.total_clients AS total, r.finished_at AS finished, COUNT(c.rowid) AS n, COALESCE(MAX(c.rowid), 0) AS last
         FROM runs r LEFT JOIN run_clients c ON c.run_id = r.id WHERE r.id = ? GROUP BY r.id`,
      )
      .get(id) as { status: string; total: number; finished: string | null; n: number; last: number } | undefined;
    return row ? `${row.status}-${row.total}-${row.n}-${row.last}-${row.finished ?? ""}${new UserProbeResults(this.db).version(id)}` : null;
  }

  get(id: string): StoredRun | null {
    const row = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(id) as RunRow | undefined;
    return row ? this.toStored(row) : null;
  }

  latest(): StoredRun | null {
    const row = this.db.prepare("SELECT * FROM runs ORDER BY started_at DESC LIMIT 1").get() as RunRow | undefined;
    return row ? this.toStored(row) : null;
  }

  private toStored(row: RunRow): StoredRun {
    const clients = (
      this.db.prepare("SELECT report_json FROM run_clients WHERE run_id = ? ORDER BY position").all(row.id) as { report_json: string }[]
    ).map((r) => clientReportSchema.parse(JSON.parse(r.report_json)));
    const { nomad, vantages, machines, findings, usersNetworks, ...context } = JSON.parse(row.context_json) as RunContext & FleetParts;
    return {
      id: row.id,
      status: row.status,
      origin: row.origin,
      trigger: row.trigger,
      totalClients: row.total_clients,
      // Users' probes are kept beside the run and join its report as vantages whenever it is read.
      report: withUserVantages(
        this.baseReport(row, clients, context, { nomad, vantages, machines, findings, usersNetworks }),
        new UserProbeResults(this.db).vantageInputs(row.id),
      ),
    };
  }

  private baseReport(row: RunRow, clients: ClientReport[], context: RunContext, parts: FleetParts): Report {
    return {
      schemaVersion: 1,
      runId: row.id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      inventory: context,
      clients,
      ...definedParts(parts),
    };
  }
}

function definedParts(parts: FleetParts): FleetParts {
  return Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined)) as FleetParts;
}
