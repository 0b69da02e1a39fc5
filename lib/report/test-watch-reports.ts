import type { Finding, Verdict } from "../diagnose/types";
import type { ClientReport, Report } from "./schema";

/** A finding as the catalog would word it; only code and severity matter to watching. */
export function finding(code: Finding["code"], severity: Finding["severity"] = "error", detail = "evidence"): Finding {
  return { code, severity, title: `${code} title`, detail, remediation: "fix it" };
}

export function watchClient(name: string, verdict: Verdict, findings: Finding[] = []): ClientReport {
  return {
    name,
    host: "198.51.100.11",
    port: 22,
    verdict,
    advertisedIp: null,
    advertisedIpSource: "none",
    ports: { open: 0, closed: verdict === "broken" ? 0 : 1001, filtered: verdict === "broken" ? 1001 : 0 },
    findings,
    probedAddress: null,
    portRuns: [],
    banners: [],
    hostKeyFingerprint: null,
    facts: null,
    durationMs: 1,
  };
}

/** A finished run's report with these clients (and fleet findings), for watch tests. */
export function watchReport(runId: string, clients: ClientReport[], fleet?: Finding[], startedAt = "2026-12-01T10:00:00.000Z"): Report {
  return {
    schemaVersion: 1,
    runId,
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + 4000).toISOString(),
    inventory: { serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } },
    clients,
    ...(fleet ? { findings: fleet } : {}),
  };
}
