import type { Database } from "better-sqlite3";

/** One alert message's fate. `target` names the env variable or the SMTP host, never a URL or a secret. */
export interface AlertDelivery {
  readonly runId: string;
  readonly channel: "webhook" | "slack" | "email";
  readonly target: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly error: string | null;
  readonly at: string;
}

const KEEP_DAYS = 30;

export class AlertLog {
  constructor(private readonly db: Database) {}

  record(delivery: AlertDelivery): void {
    this.db
      .prepare("INSERT INTO alert_deliveries (run_id, channel, target, ok, attempts, error, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(delivery.runId, delivery.channel, delivery.target, delivery.ok ? 1 : 0, delivery.attempts, delivery.error, delivery.at);
    const cutoff = new Date(Date.parse(delivery.at) - KEEP_DAYS * 86_400_000).toISOString();
    this.db.prepare("DELETE FROM alert_deliveries WHERE at < ?").run(cutoff);
  }

  forRun(runId: string): AlertDelivery[] {
    const rows = this.db.prepare("SELECT * FROM alert_deliveries WHERE run_id = ? ORDER BY id").all(runId) as {
      run_id: string;
      channel: AlertDelivery["channel"];
      target: string;
      ok: number;
      attempts: number;
      error: string | null;
      at: string;
    }[];
    return rows.map((r) => ({
      runId: r.run_id,
      channel: r.channel,
      target: r.target,
      ok: r.ok === 1,
      attempts: r.attempts,
      error: r.error,
      at: r.at,
    }));
  }
}
