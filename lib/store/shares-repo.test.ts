import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { DB_FILE, openDatabase } from "./db";
import { LATEST_VERSION, migrate } from "./migrations";
import { RunsRepo } from "./runs-repo";
import { hashShareToken, SharesRepo } from "./shares-repo";

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rd-shares-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const context = { serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } };
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse("2026-11-28T00:00:00.000Z");

function setup(clock: { t: number }) {
  const db = openDatabase(freshDir());
  new RunsRepo(db).create({ id: "run-1", startedAt: "2026-11-28T00:00:00.000Z", origin: "ui", totalClients: 0, context });
  return { db, shares: new SharesRepo(db, () => clock.t) };
}

describe("SharesRepo on a real SQLite file", () => {
  it("stores only the token's SHA-256 and resolves the token to its run", () => {
    const clock = { t: T0 };
    const { db, shares } = setup(clock);
    const { token, id, expiresAt } = shares.create("run-1", { redact: true });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(expiresAt).toBe(new Date(T0 + 30 * DAY).toISOString());
    const stored = db.prepare("SELECT * FROM share_links").all() as Record<string, unknown>[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(hashShareToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(id).toBe(hashShareToken(token).slice(0, 16));
    expect(shares.resolve(token)).toEqual({ runId: "run-1", redact: true, expiresAt });
    expect(shares.resolve(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(shares.resolve("not a token")).toBeNull();
    expect(shares.create("run-1", { redact: false }).token).not.toBe(token);
    db.close();
  });

  it("stops resolving a link once it expires", () => {
    const clock = { t: T0 };
    const { db, shares } = setup(clock);
    const { token } = shares.create("run-1", { redact: false, ttlDays: 2 });
    clock.t = T0 + 2 * DAY - 1;
    expect(shares.resolve(token)?.redact).toBe(false);
    clock.t = T0 + 2 * DAY;
    expect(shares.resolve(token)).toBeNull();
    expect(shares.list("run-1")[0]).toMatchObject({ active: false, revokedAt: null });
    db.close();
  });

  it("revokes one link by its id, lists links without tokens, and refuses ids of other runs", () => {
    const clock = { t: T0 };
    const { db, shares } = setup(clock);
    new RunsRepo(db).create({ id: "run-2", startedAt: "2026-11-28T00:00:00.000Z", origin: "ui", totalClients: 0, context });
    const kept = shares.create("run-1", { redact: false });
    clock.t += 1000;
    const revoked = shares.create("run-1", { redact: true });
    expect(shares.revoke("run-2", revoked.id)).toBe(false);
    expect(shares.revoke("run-1", "0000000000000000")).toBe(false);
    clock.t += 1000;
    expect(shares.revoke("run-1", revoked.id)).toBe(true);
    expect(shares.resolve(revoked.token)).toBeNull();
    expect(shares.resolve(kept.token)?.runId).toBe("run-1");
    const list = shares.list("run-1");
    expect(list.map((s) => [s.id, s.redact, s.active])).toEqual([
      [revoked.id, true, false],
      [kept.id, false, true],
    ]);
    expect(list[0]!.revokedAt).toBe(new Date(T0 + 2000).toISOString());
    expect(JSON.stringify(list)).not.toContain(kept.token);
    expect(shares.list("run-2")).toEqual([]);
    db.close();
  });

  it("drops a run's links with the run", () => {
    const { db, shares } = setup({ t: T0 });
    const { token } = shares.create("run-1", { redact: false });
    db.prepare("DELETE FROM runs WHERE id = 'run-1'").run();
    expect(shares.resolve(token)).toBeNull();
    expect((db.prepare("SELECT COUNT(*) AS n FROM share_links").get() as { n: number }).n).toBe(0);
    db.close();
  });
});

describe("migration 1 → 2", () => {
  it("keeps the runs of a version 1 database and adds share links", () => {
    const dir = freshDir();
    const v1 = new BetterSqlite3(join(dir, DB_FILE));
    expect(migrate(v1, 1)).toBe(1);
    expect(v1.prepare("SELECT name FROM sqlite_master WHERE name = 'share_links'").get()).toBeUndefined();
    new RunsRepo(v1).create({ id: "old-run", startedAt: "2026-11-01T00:00:00.000Z", origin: "cli", totalClients: 0, context });
    v1.close();

    const db = openDatabase(dir);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(2);
    expect((db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number }).v).toBe(LATEST_VERSION);
    expect(new RunsRepo(db).get("old-run")).toMatchObject({ id: "old-run", origin: "cli", status: "running" });
    const { token } = new SharesRepo(db).create("old-run", { redact: true });
    expect(new SharesRepo(db).resolve(token)?.runId).toBe("old-run");
    expect(() => new SharesRepo(db).create("no-such-run", { redact: false })).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
