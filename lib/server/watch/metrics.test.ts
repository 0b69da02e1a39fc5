import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { finding, watchClient, watchReport } from "../../report/test-watch-reports";
import { AlertLog } from "../../store/watch-alert-log";
import { dbHandle } from "../db-handle";

const TOKEN = "unit-admin-token-metrics-0123456789abc";
const METRICS = "unit-metrics-token-0123456789abcdefgh";

beforeAll(() => {
  process.env.RERUN_DOCTOR_TOKEN = TOKEN;
  process.env.RERUN_DOCTOR_METRICS_TOKEN = METRICS;
  process.env.RERUN_DOCTOR_DATA = mkdtempSync(join(tmpdir(), "rd-metrics-"));
  process.env.RERUN_DOCTOR_INVENTORY = "";
  const { runs } = dbHandle();
  const context = { serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } };
  const broken = watchClient("nomad-b", "broken", [finding("RERUN_PORTS_FILTERED")]);
  const report = watchReport("r1", [watchClient("nomad-a", "ok"), broken], [finding("OVERRIDE_DUPLICATE")], "2026-12-01T10:00:00.000Z");
  runs.create({ id: "r1", startedAt: report.startedAt, origin: "ui", trigger: "scheduled", totalClients: 2, context });
  runs.finish(
    report,
    new Map([
      ["nomad-a", 0],
      ["nomad-b", 1],
    ]),
  );
  runs.create({ id: "r2", startedAt: "2026-12-01T10:05:00.000Z", origin: "api", totalClients: 2, context });
  const log = new AlertLog(dbHandle().db);
  const at = new Date().toISOString();
  log.record({ runId: "r1", channel: "slack", target: "SLACK_URL", ok: false, attempts: 3, error: "HTTP 500", at });
  log.record({ runId: "r1", channel: "webhook", target: "HOOK_URL", ok: true, attempts: 1, error: null, at });
});
beforeEach(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("rerun-doctor.guess-failures")];
});

const get = async (headers: Record<string, string>) => {
  const { GET } = await import("@/app/metrics/route");
  return GET(new NextRequest("http://127.0.0.1/metrics", { headers }));
};

describe("/metrics", () => {
  it("serves the newest finished run in Prometheus text format that a real parser reads", async () => {
    const response = await get({ authorization: `Bearer ${METRICS}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await response.text());
    const value = (name: string, labels: Record<string, string> = {}) =>
      families.find((f) => f.name === name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value;
    expect(families.every((f) => f.name.startsWith("rerun_doctor_"))).toBe(true);
    expect(value("rerun_doctor_client_verdict", { client: "nomad-b", verdict: "broken" })).toBe("1");
    expect(value("rerun_doctor_client_verdict", { client: "nomad-b", verdict: "ok" })).toBe("0");
    expect(value("rerun_doctor_client_verdict", { client: "nomad-a", verdict: "ok" })).toBe("1");
    expect(value("rerun_doctor_clients", { verdict: "broken" })).toBe("1");
    expect(value("rerun_doctor_clients", { verdict: "unknown" })).toBe("0");
    expect(value("rerun_doctor_findings", { code: "RERUN_PORTS_FILTERED", severity: "error" })).toBe("1");
    expect(value("rerun_doctor_findings", { code: "OVERRIDE_DUPLICATE", severity: "error" })).toBe("1");
    expect(value("rerun_doctor_ports", { client: "nomad-b", state: "filtered" })).toBe("1001");
    expect(value("rerun_doctor_last_run_duration_seconds")).toBe("4");
    expect(value("rerun_doctor_last_success_timestamp_seconds")).toBe(String(Date.parse("2026-12-01T10:00:04.000Z") / 1000));
    expect(value("rerun_doctor_run_in_progress")).toBe("1");
    expect(value("rerun_doctor_schedule_interval_seconds")).toBe("0");
    expect(value("rerun_doctor_alert_deliveries_last_day", { channel: "slack", result: "failed" })).toBe("1");
    expect(value("rerun_doctor_alert_deliveries_last_day", { channel: "webhook", result: "sent" })).toBe("1");
    const labels = families.flatMap((f) => f.metrics.flatMap((m) => Object.values(m.labels ?? {})));
    expect(labels.join(" ")).not.toMatch(/198\.51\.100/);
  });

  it("takes the admin token too, and refuses none or a wrong one", async () => {
    expect((await get({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get({})).status).toBe(401);
    expect((await get({ authorization: "Bearer wrong-token-0123456789012345678901" })).status).toBe(401);
  });

  it("proxy.ts: the metrics token opens /metrics and nothing else; a scraper gets 401, not a login page", async () => {
    const as = (path: string, token?: string) =>
      proxy(new NextRequest(`http://127.0.0.1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
    expect((await as("/metrics", METRICS)).headers.get("x-middleware-next")).toBe("1");
    expect((await as("/metrics")).status).toBe(401);
    expect((await as("/api/runs", METRICS)).status).toBe(401);
    expect((await as("/runs", METRICS)).status).toBe(303);
  });

  it("ignores a metrics token shorter than an admin token, and says so at start", async () => {
    const { metricsToken, metricsTokenWarning } = await import("../metrics-auth");
    expect(metricsToken({ RERUN_DOCTOR_METRICS_TOKEN: "short" })).toBeNull();
    expect(metricsTokenWarning({ RERUN_DOCTOR_METRICS_TOKEN: "short" })).toContain("has 5 characters (needs 32); ignored");
    expect(metricsTokenWarning({ RERUN_DOCTOR_METRICS_TOKEN: METRICS })).toBeNull();
  });
});
