import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { makeObservation, makeTarget, portProbes, probed } from "../diagnose/test-fixtures";
import { reportOf } from "../report/test-fixtures";
import { openDatabase } from "../store/db";
import { RunsRepo } from "../store/runs-repo";
import { getRunView } from "./run-views";
import { EXPORT_CSP } from "./security-headers";

const TOKEN = "unit-admin-token-0123456789abcdef0123";
const RUN_A = "00000000-0000-4000-8000-00000000000a";
const RUN_B = "00000000-0000-4000-8000-00000000000b";
const A_IP = "198.51.100.131";
let dataDir = "";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const admin = () => import("@/app/api/runs/[id]/user-probes/route") as unknown as Promise<Record<string, Handler>>;
const revokeRoute = () => import("@/app/api/runs/[id]/user-probes/[probeId]/revoke/route") as unknown as Promise<Record<string, Handler>>;
const publicRoute = () => import("@/app/api/user-probe/[token]/[file]/route") as unknown as Promise<Record<string, Handler>>;

function seed(id: string, address: string, name: string) {
  const db = openDatabase(dataDir);
  const runs = new RunsRepo(db);
  const report = reportOf(
    [
      makeObservation({
        target: makeTarget({ name }),
        probe: probed(
          portProbes(() => "closed"),
          address,
        ),
      }),
    ],
    id,
  );
  runs.create({ id, startedAt: report.startedAt, origin: "ui", totalClients: 1, context: report.inventory });
  runs.finish(report, new Map([[name, 0]]));
  db.close();
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "rd-user-probe-routes-"));
  Object.assign(process.env, { RERUN_DOCTOR_TOKEN: TOKEN, RERUN_DOCTOR_DATA: dataDir, RERUN_DOCTOR_INVENTORY: "" });
  seed(RUN_A, A_IP, "alpha");
  seed(RUN_B, "198.51.100.132", "beta");
});

async function create(runId: string, body: unknown, auth = true) {
  const { POST } = await admin();
  const headers: Record<string, string> = { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${TOKEN}` } : {}) };
  const request = new NextRequest(`http://127.0.0.1/api/runs/${runId}/user-probes`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  return POST!(request, { params: Promise.resolve({ id: runId }) });
}

async function newProbe(runId: string, label = "TICKET-9") {
  const response = await create(runId, { label });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { id: string; commands: { sh: string }; scripts: { sh: string } };
  const token = /\/api\/user-probe\/([A-Za-z0-9_-]{43})\/script\.sh/.exec(body.commands.sh)![1]!;
  return { ...body, token };
}

async function call(method: "GET" | "POST", token: string, file: string, body?: string) {
  const handler = (await publicRoute())[method]!;
  const request = new NextRequest(`http://127.0.0.1/api/user-probe/${token}/${file}`, { method, body });
  return handler(request, { params: Promise.resolve({ token, file }) });
}

const upload = (results: string[], extra: Record<string, unknown> = {}) => JSON.stringify({ tool: "bash", results, ...extra });
const targetsOf = async (token: string) => (await (await call("GET", token, "targets")).text()).trim().split("\n");

describe("user probes over HTTP (route handlers on a real SQLite store)", () => {
  it("needs the admin to create one, and refuses a label that is not plain text", async () => {
    expect((await create(RUN_A, { label: "x" }, false)).status).toBe(401);
    expect((await create(RUN_A, { label: "<script>alert(1)</script>" })).status).toBe(400);
    expect((await create("00000000-0000-4000-8000-0000000000ff", { label: "x" })).status).toBe(404);
    expect((await create(RUN_A, { label: "x", client: "no-such-client" })).status).toBe(404);
    expect((await create(RUN_A, { label: "x", extra: 1 })).status).toBe(400);
  });

  it("serves the fixed script and the targets to the token alone, and takes an upload into the run", async () => {
    const probe = await newProbe(RUN_A);
    expect(probe.scripts.sh).toMatch(new RegExp(`\n  RD_BASE='http://[a-z0-9.:]+/api/user-probe/${probe.token}'\n`));
    const script = await call("GET", probe.token, "script.sh");
    expect(script.status).toBe(200);
    expect(await script.text()).toBe(probe.scripts.sh);
    const targets = await targetsOf(probe.token);
    expect(targets).toHaveLength(32);
    expect(targets.every((t) => t.startsWith(`${A_IP} `))).toBe(true);
    expect((await call("GET", "A".repeat(43), "targets")).status).toBe(404);
    const results = targets.map((t, i) => `${t} ${i < 8 ? "filtered no-response" : "closed conn-refused"}`);
    const posted = await call("POST", probe.token, "results", upload(results));
    expect(posted.status).toBe(201);
    expect(await posted.json()).toEqual({ accepted: 32 });
    const client = getRunView(RUN_A).report.clients[0]!;
    expect(client.vantages?.[0]).toMatchObject({ name: "users (reported by TICKET-9)", counts: { filtered: 8, closed: 24, open: 0 } });
    expect(client.findings.map((f) => f.code)).toContain("RERUN_PORTS_FILTERED_FROM_USERS");
  });

  it("refuses results for another run's targets, a wrong token, hostile strings, extra fields and bodies over 64 KiB", async () => {
    const a = await newProbe(RUN_A, "T-a");
    const b = await newProbe(RUN_B, "T-b");
    const bTargets = await targetsOf(b.token);
    const wrongRun = await call("POST", a.token, "results", upload([`${bTargets[0]} closed conn-refused`]));
    expect(wrongRun.status).toBe(400);
    expect(JSON.stringify(await wrongRun.json())).toMatch(/not a target of this request/);
    expect((await call("POST", `${a.token.slice(0, 42)}x`, "results", upload([`${bTargets[0]} closed conn-refused`]))).status).toBe(404);
    const aTarget = (await targetsOf(a.token))[0]!;
    const hostile = await call("POST", a.token, "results", upload([`${aTarget} open <b>x</b>`, `${aTarget} \u001b[2J open syn-ack`]));
    expect(hostile.status).toBe(400);
    expect(await hostile.text()).not.toContain("<b>");
    expect((await call("POST", a.token, "results", upload([`${aTarget} open syn-ack`], { note: "<script>" }))).status).toBe(400);
    expect((await call("POST", a.token, "results", "not json")).status).toBe(400);
    const big = await call("POST", a.token, "results", upload([`${aTarget} open syn-ack`], { pad: "x".repeat(70 * 1024) }));
    expect(big.status).toBe(413);
  });

  it("stops a revoked or expired link at once, and keeps what it had reported", async () => {
    const probe = await newProbe(RUN_B, "T-revoke");
    const targets = await targetsOf(probe.token);
    expect((await call("POST", probe.token, "results", upload(targets.map((t) => `${t} closed conn-refused`)))).status).toBe(201);
    const { POST } = await revokeRoute();
    const revoke = (runId: string, auth: boolean) =>
      POST!(
        new NextRequest(`http://127.0.0.1/api/runs/${runId}/user-probes/${probe.id}/revoke`, {
          method: "POST",
          headers: auth ? { authorization: `Bearer ${TOKEN}` } : {},
        }),
        { params: Promise.resolve({ id: runId, probeId: probe.id }) },
      );
    expect((await revoke(RUN_B, false)).status).toBe(401);
    expect((await revoke(RUN_A, true)).status).toBe(404);
    expect((await revoke(RUN_B, true)).status).toBe(200);
    for (const file of ["script.sh", "script.ps1", "targets"]) expect((await call("GET", probe.token, file)).status).toBe(404);
    expect((await call("POST", probe.token, "results", upload([`${targets[0]} closed conn-refused`]))).status).toBe(404);
    expect(getRunView(RUN_B).report.vantages?.map((v) => v.name)).toContain("users (reported by T-revoke)");

    const expiring = await newProbe(RUN_B, "T-expired");
    const db = openDatabase(dataDir);
    db.prepare("UPDATE user_probes SET expires_at = ? WHERE label = 'T-expired'").run(new Date(Date.now() - 1000).toISOString());
    db.close();
    expect((await call("GET", expiring.token, "targets")).status).toBe(404);
  });

  it("takes at most 12 uploads an hour per link", async () => {
    const probe = await newProbe(RUN_A, "T-rate");
    const body = upload([`${(await targetsOf(probe.token))[0]} closed conn-refused`]);
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await call("POST", probe.token, "results", body)).status);
    expect(statuses.slice(0, 12).every((s) => s === 201)).toBe(true);
    expect(statuses[12]).toBe(429);
  });
});

describe("proxy.ts lets the user-probe endpoints through without login, and nothing near them", () => {
  it.each(["script.sh", "script.ps1", "targets", "results"])("/api/user-probe/<token>/%s is public", async (file) => {
    const response = await proxy(new NextRequest(`http://127.0.0.1/api/user-probe/tok/${file}`));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("gives the HTML export the policy that forbids every load, and other exports the usual one", async () => {
    const html = await proxy(new NextRequest(`http://127.0.0.1/api/share/tok/export?format=html`));
    expect(html.headers.get("content-security-policy")).toBe(EXPORT_CSP);
    const markdown = await proxy(new NextRequest(`http://127.0.0.1/api/share/tok/export?format=markdown`));
    expect(markdown.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
  });

  it.each(["/api/user-probe/tok/other", "/api/user-probe/tok/targets/x", "/api/user-probe/tok", `/api/runs/${RUN_A}/user-probes`])(
    "%s still needs the admin",
    async (path) => {
      expect([401, 303]).toContain((await proxy(new NextRequest(`http://127.0.0.1${path}`))).status);
    },
  );
});
