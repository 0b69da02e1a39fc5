import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kill, startServer, type RunningServer } from "./next-server";

const TOKEN = "auth-limits-admin-token-0123456789abcdef";
const dataDir = mkdtempSync(join(tmpdir(), "rd-auth-limits-"));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await kill(server, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number, env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await startServer(port, { RERUN_DOCTOR_TOKEN: TOKEN, RERUN_DOCTOR_DATA: dataDir, RERUN_DOCTOR_INVENTORY: "", ...env });
  servers.push(server);
  return server;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** GET /api/runs from a chosen loopback address: every 127.x.y.z is this machine on Linux. */
function get(server: RunningServer, from: string, token: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${server.url}/api/runs`,
      { localAddress: from, headers: { authorization: `Bearer ${token}`, ...headers } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("Bearer guesses", () => {
  it("are limited per source with 429 and Retry-After, without locking out another source or the login of others", async () => {
    const server = await start(3171);
    for (let i = 0; i < 10; i++) expect((await get(server, "127.0.0.2", `wrong-${i}`)).status).toBe(401);
    const blocked = await get(server, "127.0.0.2", TOKEN);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // The admin elsewhere is not locked out.
    expect((await get(server, "127.0.0.3", TOKEN)).status).toBe(200);
    // Bearer failures and login failures are one budget per source: this login is refused too.
    const login = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}/api/login`,
        { method: "POST", localAddress: "127.0.0.2", headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" } },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers }));
        },
      );
      req.on("error", reject);
      req.end(new URLSearchParams({ token: TOKEN, next: "/" }).toString());
    });
    expect(login.headers.location).toContain("error=rate");
    expect(login.headers["set-cookie"]).toBeUndefined();
    await kill(server, "SIGTERM");
    expect(server.output()).not.toContain(TOKEN);
  }, 60_000);

  it("cannot get a fresh budget by writing X-Forwarded-For, unless it comes through a configured proxy", async () => {
    const direct = await start(3172);
    for (let i = 0; i < 10; i++) await get(direct, "127.0.0.4", `wrong-${i}`, { "x-forwarded-for": `198.51.100.${i}` });
    expect((await get(direct, "127.0.0.4", TOKEN, { "x-forwarded-for": "198.51.100.99" })).status).toBe(429);
    await kill(direct, "SIGTERM");

    const proxied = await start(3173, { RERUN_DOCTOR_TRUSTED_PROXIES: "127.0.0.5" });
    for (let i = 0; i < 10; i++) await get(proxied, "127.0.0.5", `wrong-${i}`, { "x-forwarded-for": "198.51.100.1" });
    expect((await get(proxied, "127.0.0.5", TOKEN, { "x-forwarded-for": "198.51.100.1" })).status).toBe(429);
    expect((await get(proxied, "127.0.0.5", TOKEN, { "x-forwarded-for": "198.51.100.1, 198.51.100.2" })).status).toBe(200);
    await kill(proxied, "SIGTERM");
  }, 60_000);
});

/** Starts next with `env` and waits for it to exit on its own: what it printed and its exit code. */
async function refusedStart(port: number, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(join(__dirname, "..", "..", "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: join(__dirname, "..", ".."),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", RERUN_DOCTOR_DATA: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}

describe("start-up settings", () => {
  it("a RERUN_DOCTOR_TOKEN shorter than 32 characters stops the server with a clear error that does not echo it", async () => {
    const { code, output } = await refusedStart(3174, { RERUN_DOCTOR_TOKEN: "admin-but-short" });
    expect(code).not.toBe(0);
    expect(output).toContain("RERUN_DOCTOR_TOKEN has 15 characters; it needs at least 32");
    expect(output).not.toContain("admin-but-short");
  }, 60_000);

  it("a RERUN_DOCTOR_PUBLIC_URL that is no origin stops the server", async () => {
    const { code, output } = await refusedStart(3176, { RERUN_DOCTOR_TOKEN: TOKEN, RERUN_DOCTOR_PUBLIC_URL: "doctor.example.com/app" });
    expect(code).not.toBe(0);
    expect(output).toContain("RERUN_DOCTOR_PUBLIC_URL must be an origin");
  }, 60_000);
});
