import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../lib/store/db";
import { RunsRepo } from "../../lib/store/runs-repo";
import { kill, startServer, type RunningServer } from "./next-server";

const TOKEN = "expiry-test-admin-token-0123456789abcdef";
const dataDir = mkdtempSync(join(tmpdir(), "rd-expiry-"));
let server: RunningServer | null = null;
afterAll(async () => {
  if (server) await kill(server, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** A finished run put straight into the store, so this test needs no fleet. */
function storedRun(): string {
  const db = openDatabase(dataDir);
  const context = { serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } };
  new RunsRepo(db).create({
    id: "6f1c1d9e-3c3a-4a8e-9d2b-2f0a1b2c3d4e",
    startedAt: new Date().toISOString(),
    origin: "cli",
    totalClients: 0,
    context,
  });
  db.prepare("UPDATE runs SET status = 'done', finished_at = started_at").run();
  db.close();
  return "6f1c1d9e-3c3a-4a8e-9d2b-2f0a1b2c3d4e";
}

describe("share links over time", () => {
  it("answers 404 once a link has expired, like an unknown or revoked one", async () => {
    const runId = storedRun();
    server = await startServer(3158, { RERUN_DOCTOR_TOKEN: TOKEN, RERUN_DOCTOR_DATA: dataDir, RERUN_DOCTOR_INVENTORY: "" });
    const created = await fetch(`${server.url}/api/runs/${runId}/share`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ redact: true, ttlDays: 1 }),
    });
    expect(created.status).toBe(201);
    const { url } = (await created.json()) as { url: string };
    expect((await fetch(url)).status).toBe(200);

    const db = new BetterSqlite3(join(dataDir, "rerun-doctor.sqlite"));
    db.prepare("UPDATE share_links SET expires_at = ?").run(new Date(Date.now() - 1000).toISOString());
    db.close();
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(url.replace("/share/", "/api/share/"))).status).toBe(404);
  }, 300_000);
});
