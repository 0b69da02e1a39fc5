import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { issueSession, SESSION_COOKIE } from "./session-token";

const TOKEN = "unit-admin-token-0123456789abcdef0123";
const RUN = "00000000-0000-4000-8000-000000000000";
const SHARE = "11111111-1111-4111-8111-111111111111";

beforeAll(() => {
  process.env.RERUN_DOCTOR_TOKEN = TOKEN;
  // Should a handler ever get past its check, it opens an empty store here, not ./data.
  process.env.RERUN_DOCTOR_DATA = mkdtempSync(join(tmpdir(), "rd-require-admin-"));
  process.env.RERUN_DOCTOR_INVENTORY = "";
});

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: [string, string, () => Promise<Record<string, unknown>>, Record<string, string>][] = [
  ["GET", "/api/runs", () => import("@/app/api/runs/route"), {}],
  ["POST", "/api/runs", () => import("@/app/api/runs/route"), {}],
  ["GET", `/api/runs/${RUN}`, () => import("@/app/api/runs/[id]/route"), { id: RUN }],
  ["POST", `/api/runs/${RUN}/cancel`, () => import("@/app/api/runs/[id]/cancel/route"), { id: RUN }],
  ["GET", `/api/runs/${RUN}/export`, () => import("@/app/api/runs/[id]/export/route"), { id: RUN }],
  ["GET", `/api/runs/${RUN}/share`, () => import("@/app/api/runs/[id]/share/route"), { id: RUN }],
  ["POST", `/api/runs/${RUN}/share`, () => import("@/app/api/runs/[id]/share/route"), { id: RUN }],
  ["POST", "/api/logout", () => import("@/app/api/logout/route"), {}],
  [
    "POST",
    `/api/runs/${RUN}/share/${SHARE}/revoke`,
    () => import("@/app/api/runs/[id]/share/[shareId]/revoke/route"),
    { id: RUN, shareId: SHARE },
  ],
];

describe("route handlers check the admin themselves, not only proxy.ts", () => {
  // Every wrong Bearer here counts against one source; the limit is not what these tests are about.
  beforeEach(() => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("rerun-doctor.guess-failures")];
  });

  it.each(ROUTES)("%s %s answers 401 without credentials, and 401 with a wrong Bearer", async (method, path, load, params) => {
    const handler = (await load())[method] as Handler;
    for (const headers of [{}, { authorization: "Bearer not-the-token" }] as Record<string, string>[]) {
      const response = await handler(new NextRequest(`http://127.0.0.1${path}`, { method, headers }), { params: Promise.resolve(params) });
      expect(response.status).toBe(401);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("refuses a cookie-authenticated write from another site with 403", async () => {
    const { POST } = (await import("@/app/api/runs/route")) as unknown as Record<string, Handler>;
    const cookie = `${SESSION_COOKIE}=${await issueSession(TOKEN)}`;
    const request = new NextRequest("http://127.0.0.1/api/runs", { method: "POST", headers: { cookie, origin: "https://evil.example" } });
    expect((await POST!(request, { params: Promise.resolve({}) })).status).toBe(403);
  });
});

describe("proxy.ts", () => {
  it.each(["/api/share/tok/anything", "/share/tok/anything", "/api/healthz", "/loginx"])(
    "does not take %s for a public route",
    async (path) => {
      const response = await proxy(new NextRequest(`http://127.0.0.1${path}`));
      expect([401, 303]).toContain(response.status);
    },
  );

  it("lets the public routes through, with the security headers and a fresh nonce", async () => {
    const first = await proxy(new NextRequest("http://127.0.0.1/login"));
    const second = await proxy(new NextRequest("http://127.0.0.1/share/abc"));
    expect(first.headers.get("x-middleware-next")).toBe("1");
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("same-origin");
  });
});
