import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kill, startServer, type RunningServer } from "./next-server";

const TOKEN = "logout-test-admin-token-0123456789abcdef";
const dataDir = mkdtempSync(join(tmpdir(), "rd-logout-"));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await kill(server, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number): Promise<RunningServer> {
  const server = await startServer(port, { RERUN_DOCTOR_TOKEN: TOKEN, RERUN_DOCTOR_DATA: dataDir, RERUN_DOCTOR_INVENTORY: "" });
  servers.push(server);
  return server;
}

async function login(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.url}/api/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: TOKEN, next: "/" }),
  });
  const cookie = /rd_session=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0];
  expect(cookie).toBeDefined();
  return cookie!;
}

const runs = (server: RunningServer, cookie: string) => fetch(`${server.url}/api/runs`, { headers: { cookie } }).then((r) => r.status);

describe("signing out", () => {
  it("ends every session issued before it, a copied cookie included, and a restart does not revive them", async () => {
    const first = await start(3177);
    const copied = await login(first);
    const mine = await login(first);
    expect(await runs(first, copied)).toBe(200);
    const out = await fetch(`${first.url}/api/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: mine, origin: first.url },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/login");
    expect(await runs(first, copied)).toBe(401);
    expect(await runs(first, mine)).toBe(401);
    expect(statSync(join(dataDir, "session-generation")).mode & 0o777).toBe(0o600);
    await kill(first, "SIGTERM");

    const second = await start(3178);
    expect(await runs(second, copied)).toBe(401);
    expect(await runs(second, await login(second))).toBe(200);
    await kill(second, "SIGTERM");
  }, 90_000);

  it("cannot be forced on the admin by someone without a session", async () => {
    const server = await start(3179);
    const session = await login(server);
    expect((await fetch(`${server.url}/api/logout`, { method: "POST", redirect: "manual" })).status).toBe(401);
    const crossSite = await fetch(`${server.url}/api/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: session, origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    expect(await runs(server, session)).toBe(200);
    await kill(server, "SIGTERM");
  }, 60_000);
});
