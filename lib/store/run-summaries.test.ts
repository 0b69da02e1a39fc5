import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ClientReport } from "../report/schema";
import { openDatabase } from "./db";
import { listRunSummaries } from "./run-summaries";
import { RunsRepo } from "./runs-repo";

const dir = mkdtempSync(join(tmpdir(), "rd-summaries-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = { serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } };
const client = (name: string, verdict: ClientReport["verdict"]): ClientReport => ({
  name,
  host: "198.51.100.11",
  port: 22,
  verdict,
  advertisedIp: null,
  advertisedIpSource: "none",
  ports: { open: 0, closed: 0, filtered: 0 },
  findings: [],
  probedAddress: null,
  portRuns: [],
  banners: [],
  hostKeyFingerprint: null,
  facts: null,
  durationMs: 1,
});

describe("listRunSummaries", () => {
  it("counts verdicts per run in SQL, newest first, and gives zero counts to a run with no client yet", () => {
    const db = openDatabase(dir);
    const runs = new RunsRepo(db);
    runs.create({ id: "old", startedAt: "2026-11-27T00:00:00.000Z", origin: "cli", totalClients: 3, context });
    ["ok", "broken", "broken"].forEach((v, i) => runs.saveClient("old", i, client(`c${i}`, v as ClientReport["verdict"])));
    runs.interrupt("old", "2026-11-27T00:00:09.000Z");
    runs.create({ id: "new", startedAt: "2026-11-28T00:00:00.000Z", origin: "ui", totalClients: 2, context });
    const summaries = listRunSummaries(db, 10);
    expect(summaries.map((s) => [s.id, s.status, s.origin, s.totalClients, s.finishedAt])).toEqual([
      ["new", "running", "ui", 2, null],
      ["old", "interrupted", "cli", 3, "2026-11-27T00:00:09.000Z"],
    ]);
    expect(summaries[0]!.counts).toEqual({ ok: 0, degraded: 0, broken: 0, unknown: 0 });
    expect(summaries[1]!.counts).toEqual({ ok: 1, degraded: 0, broken: 2, unknown: 0 });
    expect(listRunSummaries(db, 1).map((s) => s.id)).toEqual(["new"]);
    db.close();
  });
});
