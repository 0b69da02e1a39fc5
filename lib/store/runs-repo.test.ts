import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientReport, Report } from "../report/schema";
import { openDatabase } from "./db";
import { LATEST_VERSION } from "./migrations";
import { RunsRepo } from "./runs-repo";

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rd-store-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function client(name: string, verdict: ClientReport["verdict"]): ClientReport {
  return {
    name,
    host: `198.51.100.${name.length}`,
    port: 22,
    verdict,
    advertisedIp: null,
    advertisedIpSource: "none",
    ports: { open: 0, closed: 1001, filtered: 0 },
    findings: [],
    probedAddress: null,
    portRuns: [],
    banners: [],
    hostKeyFingerprint: null,
    facts: null,
    durationMs: 12,
  };
}
const context = { serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } };

describe("RunsRepo on a real SQLite file", () => {
  it("keeps each finished client of a run cut short, and marks the run interrupted after a restart", () => {
    const dir = freshDir();
    const first = openDatabase(dir);
    const repo = new RunsRepo(first);
    repo.create({ id: "run-1", startedAt: "2026-11-28T01:00:00.000Z", origin: "ui", totalClients: 3, context });
    repo.saveClient("run-1", 0, client("a", "ok"));
    repo.saveClient("run-1", 2, client("ccc", "broken"));
    first.close(); // the process dies here: no finish()

    const second = openDatabase(dir);
    const reopened = new RunsRepo(second);
    expect(reopened.get("run-1")?.status).toBe("running");
    expect(reopened.interruptOrphans("2026-11-28T01:05:00.000Z")).toBe(1);
    const run = reopened.get("run-1");
    expect(run?.status).toBe("interrupted");
    expect(run?.report.finishedAt).toBe("2026-11-28T01:05:00.000Z");
    expect(run?.report.clients.map((c) => [c.name, c.verdict])).toEqual([
      ["a", "ok"],
      ["ccc", "broken"],
    ]);
    expect(second.pragma("integrity_check", { simple: true })).toBe("ok");
    second.close();
  });

  it("replaces partial rows with the final report, and knows the newest run", () => {
    const db = openDatabase(freshDir());
    const repo = new RunsRepo(db);
    repo.create({ id: "old", startedAt: "2026-11-27T00:00:00.000Z", origin: "cli", totalClients: 1, context });
    repo.create({ id: "new", startedAt: "2026-11-28T00:00:00.000Z", origin: "api", totalClients: 2, context });
    repo.saveClient("new", 1, client("b", "ok"));
    const final: Report = {
      schemaVersion: 1,
      runId: "new",
      startedAt: "2026-11-28T00:00:00.000Z",
      finishedAt: "2026-11-28T00:00:03.000Z",
      inventory: context,
      clients: [client("a", "broken"), client("b", "degraded")],
    };
    repo.finish(
      final,
      new Map([
        ["a", 0],
        ["b", 1],
      ]),
    );
    expect(repo.get("new")?.report).toEqual(final);
    expect(repo.get("new")?.status).toBe("done");
    expect(repo.latest()?.id).toBe("new");
    expect(repo.get("missing")).toBeNull();
    db.close();
  });

  it("uses WAL and applies migrations once", () => {
    const dir = freshDir();
    openDatabase(dir).close();
    const db = openDatabase(dir);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get()).toEqual({ n: LATEST_VERSION });
    db.close();
  });

  it("keeps the report's fleet-level parts: Nomad discovery, vantages, VMs, their findings and the users' networks", () => {
    const db = openDatabase(freshDir());
    const repo = new RunsRepo(db);
    repo.create({ id: "reach", startedAt: "2026-11-28T00:00:00.000Z", origin: "ui", totalClients: 1, context });
    const nomad = { address: "http://127.0.0.1:4646", error: null, nodes: [] };
    repo.setPlan("reach", 1, { nomad });
    const final: Report = {
      schemaVersion: 1,
      runId: "reach",
      startedAt: "2026-11-28T00:00:00.000Z",
      finishedAt: "2026-11-28T00:00:02.000Z",
      inventory: context,
      clients: [client("a", "ok")],
      nomad,
      vantages: [{ name: "office", host: "198.51.100.200", check: null, usable: false, reason: "no session" }],
      machines: [],
      findings: [
        { code: "VANTAGE_UNUSABLE", severity: "warning", title: "t".repeat(12), detail: "d".repeat(12), remediation: "r".repeat(12) },
      ],
      usersNetworks: [
        { cidr: "10.20.0.0/16", source: "inventory" },
        { cidr: "198.51.100.96/32", source: "users (reported by T-1)" },
      ],
    };
    repo.finish(final, new Map([["a", 0]]));
    expect(repo.get("reach")?.report).toEqual(final);
    db.close();
  });

  it("serves a client row's new content after it is replaced, never a stale parse", () => {
    const db = openDatabase(freshDir());
    const repo = new RunsRepo(db);
    repo.create({ id: "live", startedAt: "2026-11-28T00:00:00.000Z", origin: "ui", totalClients: 1, context });
    repo.saveClient("live", 0, client("a", "ok"));
    expect(repo.get("live")?.report.clients[0]?.verdict).toBe("ok");
    repo.saveClient("live", 0, client("a", "broken"));
    expect(repo.get("live")?.report.clients[0]?.verdict).toBe("broken");
    expect(repo.get("live")?.report.clients).toHaveLength(1);
    db.close();
  });
});
