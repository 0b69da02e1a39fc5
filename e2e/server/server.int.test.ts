import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { readManifest } from "../../lab";
import { kill, startServer, type RunningServer } from "./next-server";

const TOKEN = "int-test-admin-token-0123456789abcdef";
const lab = readManifest();
const dataDir = mkdtempSync(join(tmpdir(), "rd-restart-"));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await kill(server, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number, env: Record<string, string> = { RERUN_DOCTOR_TOKEN: TOKEN }): Promise<RunningServer> {
  const server = await startServer(port, { RERUN_DOCTOR_DATA: dataDir, RERUN_DOCTOR_INVENTORY: lab.inventoryFile, ...env });
  servers.push(server);
  return server;
}

const auth = { authorization: `Bearer ${TOKEN}` };
type RunBody = { status: string; progress: { done: number; total: number }; report: { clients: { name: string }[] } };

describe("the dashboard server across a crash", () => {
  it("keeps every finished client of a run and marks the run interrupted after kill -9 and restart", async () => {
    const first = await start(3151);
    const started = await fetch(`${first.url}/api/runs`, { method: "POST", headers: auth, body: JSON.stringify({ hosts: ["8.8.8.8"] }) });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    let seen: RunBody | null = null;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      const body = (await (await fetch(`${first.url}/api/runs/${id}`, { headers: auth })).json()) as RunBody;
      if (body.status === "running" && body.progress.done >= 3) {
        seen = body;
        break;
      }
    }
    expect(seen, "the run should report some clients while still running").not.toBeNull();
    await kill(first, "SIGKILL");

    const second = await start(3152);
    const after = (await (await fetch(`${second.url}/api/runs/${id}`, { headers: auth })).json()) as RunBody;
    expect(after.status).toBe("interrupted");
    expect(after.progress.total).toBe(lab.clients.length);
    const names = after.report.clients.map((c) => c.name);
    for (const client of seen!.report.clients) expect(names).toContain(client.name);
    expect(names.every((name) => lab.clients.some((c) => c.name === name))).toBe(true);
    await kill(second, "SIGTERM");

    const db = new BetterSqlite3(join(dataDir, "rerun-doctor.sqlite"), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  }, 90_000);

  it("generates and prints an admin token when none is set, keeps it 0600 and reuses it after a restart", async () => {
    const server = await start(3153, {});
    const token = /admin token for this run: (\S+)/.exec(server.output())?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await fetch(`${server.url}/api/runs`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/api/runs`, { headers: auth })).status).toBe(401);
    await kill(server, "SIGTERM");
    const file = join(dataDir, "admin-token");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await start(3153, {});
    expect(again.output()).toContain(`using the admin token kept in ${file}`);
    expect(again.output()).not.toContain(token!);
    expect((await fetch(`${again.url}/api/runs`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await kill(again, "SIGTERM");
  }, 300_000);

  it("rate-limits failed logins, even for the right token, and never logs the token", async () => {
    const server = await start(3154);
    const login = (token: string) =>
      fetch(`${server.url}/api/login`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token, next: "/" }),
      });
    for (let i = 0; i < 10; i++) expect((await login(`wrong-${i}`)).headers.get("location")).toContain("error=invalid");
    const blocked = await login(TOKEN);
    expect(blocked.headers.get("location")).toContain("error=rate");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(blocked.headers.get("set-cookie")).toBeNull();
    await kill(server, "SIGTERM");
    expect(server.output()).not.toContain(TOKEN);
  }, 300_000);
});

describe("without an inventory", () => {
  it("shows how to write one instead of a matrix, and refuses to start a run with 503", async () => {
    const server = await startServer(3157, { RERUN_DOCTOR_TOKEN: TOKEN, RERUN_DOCTOR_DATA: dataDir, RERUN_DOCTOR_INVENTORY: "" });
    servers.push(server);
    const page = await (await fetch(`${server.url}/`, { headers: auth })).text();
    expect(page).toContain("No inventory yet");
    expect(page).toContain("RERUN_DOCTOR_INVENTORY");
    expect(page).not.toContain("Reachability matrix");
    const started = await fetch(`${server.url}/api/runs`, { method: "POST", headers: auth });
    expect(started.status).toBe(503);
    expect(((await started.json()) as { message: string }).message).toMatch(/no inventory/);
    await kill(server, "SIGTERM");
  }, 300_000);
});

describe("npm start", () => {
  it("listens on 127.0.0.1 only unless HOST says otherwise", async () => {
    const env = {
      ...process.env,
      HOST: "",
      PORT: "3156",
      RERUN_DOCTOR_TOKEN: TOKEN,
      RERUN_DOCTOR_DATA: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const child = spawn("npm", ["start"], { cwd: join(__dirname, "..", ".."), env, detached: true, stdio: "ignore" });
    try {
      let listening: string[] = [];
      for (
        const deadline = Date.now() + 120_000;
        Date.now() < deadline && listening.length === 0;
        await new Promise((r) => setTimeout(r, 200))
      ) {
        listening = readFileSync("/proc/net/tcp", "utf8")
          .split("\n")
          .map((line) => line.trim().split(/\s+/))
          .filter((f) => f[1]?.endsWith(":0C54") && f[3] === "0A")
          .map((f) => f[1]!);
      }
      expect(listening).toEqual(["0100007F:0C54"]);
    } finally {
      process.kill(-child.pid!, "SIGTERM");
    }
  }, 300_000);
});
