import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kill, startServer, type RunningServer } from "./next-server";

const TOKEN = "headers-test-admin-token-0123456789abcdef";
const dataDir = mkdtempSync(join(tmpdir(), "rd-headers-"));
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(3175, { RERUN_DOCTOR_TOKEN: TOKEN, RERUN_DOCTOR_DATA: dataDir, RERUN_DOCTOR_INVENTORY: "" });
});
afterAll(async () => {
  await kill(server, "SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TOKEN}` };

describe("security headers", () => {
  it("a page carries a nonce CSP that Next's own scripts match, and may not be framed", async () => {
    const response = await fetch(`${server.url}/login`);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = (await fetch(`${server.url}/login`)).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });

  it("authenticated JSON is never stored by a cache, refusals neither", async () => {
    for (const path of ["/api/runs", "/api/runs/00000000-0000-4000-8000-000000000000"]) {
      const response = await fetch(`${server.url}${path}`, { headers: auth });
      expect(response.headers.get("cache-control"), path).toBe("no-store");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
    const started = await fetch(`${server.url}/api/runs`, { method: "POST", headers: auth });
    expect(started.headers.get("cache-control")).toBe("no-store");
  });
});
