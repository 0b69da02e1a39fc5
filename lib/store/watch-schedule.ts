import type { Database } from "better-sqlite3";

/** The one fleet schedule's row in schedule_state (migration 3). */
const ID = "fleet";

export interface ScheduleState {
  /** Set from the dashboard; null: the inventory's `schedule.everyMinutes`. */
  readonly intervalS: number | null;
  readonly nextDueAt: string | null;
  readonly lastRunId: string | null;
  readonly lastStartedAt: string | null;
  /** Why the last due slot started no run ("previous run … still running", an invalid inventory). */
  readonly lastSkip: string | null;
}

export type Claim =
  | { readonly kind: "run"; readonly runId: string }
  | { readonly kind: "wait"; readonly dueAt: string }
  | { readonly kind: "skip"; readonly reason: string };

interface Row {
  interval_s: number | null;
  next_due_at: string | null;
  last_run_id: string | null;
  last_started_at: string | null;
  last_skip: string | null;
}

/**
 * Schedule state lives in SQLite so a restarted server resumes where it was. Claiming a slot is one
 * IMMEDIATE transaction (a write lock): two processes on one data folder cannot both start a run for
 * it, and a slot whose previous run is still 'running' is skipped, never overlapped.
 */
export class ScheduleRepo {
  constructor(private readonly db: Database) {}

  get(): ScheduleState {
    const row = this.db.prepare("SELECT * FROM schedule_state WHERE id = ?").get(ID) as Row | undefined;
    return {
      intervalS: row?.interval_s ?? null,
      nextDueAt: row?.next_due_at ?? null,
      lastRunId: row?.last_run_id ?? null,
      lastStartedAt: row?.last_started_at ?? null,
      lastSkip: row?.last_skip ?? null,
    };
  }

  private ensure(now: Date): void {
    this.db.prepare("INSERT OR IGNORE INTO schedule_state (id, updated_at) VALUES (?, ?)").run(ID, now.toISOString());
  }

  /** The dashboard's interval (null: back to the inventory's); the next run is due within the new interval. */
  setInterval(intervalS: number | null, now: Date): void {
    this.db.transaction(() => {
      this.ensure(now);
      this.db.prepare("UPDATE schedule_state SET interval_s = ?, updated_at = ? WHERE id = ?").run(intervalS, now.toISOString(), ID);
      if (intervalS !== null) {
        const due = new Date(now.getTime() + intervalS * 1000).toISOString();
        this.db
          .prepare("UPDATE schedule_state SET next_due_at = ? WHERE id = ? AND (next_due_at IS NULL OR next_due_at > ?)")
          .run(due, ID, due);
      }
    })();
  }

  /** Decides what slot `now` means: start `newRunId`, wait, or skip because the last run is still going. */
  claim(now: Date, intervalS: number, newRunId: string): Claim {
    const at = now.toISOString();
    const next = (from: number) => new Date(from + intervalS * 1000).toISOString();
    return this.db
      .transaction((): Claim => {
        this.ensure(now);
        const row = this.db.prepare("SELECT * FROM schedule_state WHERE id = ?").get(ID) as Row;
        if (row.next_due_at !== null && row.next_due_at > at) {
          // A shorter interval (the inventory edited) takes effect now: never wait more than one interval.
          const latest = next(now.getTime());
          if (row.next_due_at <= latest) return { kind: "wait", dueAt: row.next_due_at };
          this.db.prepare("UPDATE schedule_state SET next_due_at = ?, updated_at = ? WHERE id = ?").run(latest, at, ID);
          return { kind: "wait", dueAt: latest };
        }
        const last = row.last_run_id
          ? (this.db.prepare("SELECT status FROM runs WHERE id = ?").get(row.last_run_id) as { status: string } | undefined)
          : undefined;
        if (last?.status === "running") {
          const reason = `${at}: previous scheduled run ${row.last_run_id} still running; slot skipped`;
          this.db
            .prepare("UPDATE schedule_state SET next_due_at = ?, last_skip = ?, updated_at = ? WHERE id = ?")
            .run(next(now.getTime()), reason, at, ID);
          return { kind: "skip", reason };
        }
        // Keep the cadence; after downtime (slots missed) run once now, never once per missed slot.
        const due = row.next_due_at === null ? now.getTime() : Date.parse(row.next_due_at);
        const cadence = due + intervalS * 1000;
        const following = cadence > now.getTime() ? cadence : now.getTime() + intervalS * 1000;
        this.db
          .prepare("UPDATE schedule_state SET next_due_at = ?, last_run_id = ?, last_started_at = ?, updated_at = ? WHERE id = ?")
          .run(new Date(following).toISOString(), newRunId, at, at, ID);
        return { kind: "run", runId: newRunId };
      })
      .immediate();
  }

  /** The claimed run could not start (e.g. the inventory became invalid): say so on the schedule. */
  recordSkip(reason: string, now: Date): void {
    this.db.prepare("UPDATE schedule_state SET last_skip = ?, updated_at = ? WHERE id = ?").run(reason, now.toISOString(), ID);
  }
}
