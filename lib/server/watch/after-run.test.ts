import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finding, watchClient, watchReport } from "../../report/test-watch-reports";
import type { ClientReport } from "../../report/schema";
import { alertPayloadSchema } from "../../report/watch-payloads";
import { AlertLog } from "../../store/watch-alert-log";
import { dbHandle } from "../db-handle";
import { rememberRun, runFinished } from "./after-run";

let server: Server;
const received: unknown[] = [];
const context = { serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } };
const ok = [watchClient("a", "ok"), watchClient("b", "ok")];
const broken = [watchClient("a", "broken", [finding("RERUN_PORTS_FILTERED")]), watchClient("b", "ok")];

beforeAll(async () => {
  process.env.RERUN_DOCTOR_DATA = mkdtempSync(join(tmpdir(), "rd-after-run-"));
  process.env.RERUN_DOCTOR_PUBLIC_URL = "https://doctor.example.test";
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (c: Buffer) => (body += c.toString()));
    request.on("end", () => {
      received.push(JSON.parse(body));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.RD_UNIT_HOOK = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  delete process.env.RERUN_DOCTOR_PUBLIC_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let minute = 0;
function finish(id: string, clients: ClientReport[]): void {
  const startedAt = `2026-12-01T10:${String(minute++).padStart(2, "0")}:00.000Z`;
  const { runs } = dbHandle();
  runs.create({ id, startedAt, origin: "ui", trigger: "scheduled", totalClients: clients.length, context });
  rememberRun(id, { trigger: "scheduled", watch: { everyMinutes: 5, alerts: { webhooks: [{ urlEnv: "RD_UNIT_HOOK" }], slack: [] } } });
  const report = watchReport(id, clients, undefined, startedAt);
  runs.finish(report, new Map(clients.map((c, i) => [c.name, i])));
  runFinished(report);
}

const settle = async (count: number) => {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100)); // a second message, if one were sent, lands here
};

describe("runFinished", () => {
  it("sends one message when a client breaks, none while it stays broken, one on recovery, and compacts the repeats", async () => {
    finish("r1", ok);
    finish("r2", ok);
    await settle(0);
    expect(received).toEqual([]);
    finish("r3", broken);
    await settle(1);
    expect(received).toHaveLength(1);
    const alert = alertPayloadSchema.parse(received[0]);
    expect(alert).toMatchObject({ runId: "r3", previousRunId: "r2", status: "firing", runUrl: "https://doctor.example.test/runs/r3" });
    expect(alert.clients.map((c) => [c.name, c.change])).toEqual([["a", "broke"]]);
    finish("r4", broken);
    finish("r5", broken);
    finish("r6", ok);
    await settle(2);
    expect(received).toHaveLength(2);
    expect(alertPayloadSchema.parse(received[1])).toMatchObject({ runId: "r6", previousRunId: "r5", status: "resolved" });
    const { db } = dbHandle();
    const left = (db.prepare("SELECT id FROM runs ORDER BY started_at").all() as { id: string }[]).map((r) => r.id);
    expect(left).toEqual(["r1", "r2", "r3", "r5", "r6"]); // r4 repeated the runs on both sides
    expect(new AlertLog(db).forRun("r3")).toMatchObject([{ channel: "webhook", target: "RD_UNIT_HOOK", ok: true, attempts: 1 }]);
  });
});
