import type { Finding, Verdict } from "../diagnose/types";
import type { Report } from "./schema";

/** Reruns work (ok, degraded) or not (broken, unknown): alerts fire only when a client crosses that line. */
const WORKS: Readonly<Record<Verdict, boolean>> = { ok: true, degraded: true, broken: false, unknown: false };

export interface ClientChange {
  readonly name: string;
  readonly change: "broke" | "recovered";
  readonly from: Verdict;
  readonly to: Verdict;
  /** Error findings behind the new verdict (broke), or those that cleared (recovered). */
  readonly codes: readonly string[];
}

export interface FleetChange {
  readonly change: "appeared" | "resolved";
  readonly code: string;
  readonly severity: Finding["severity"];
  readonly title: string;
}

export interface RunChanges {
  readonly runId: string;
  readonly previousRunId: string;
  readonly clients: readonly ClientChange[];
  readonly fleet: readonly FleetChange[];
}

const errorCodes = (findings: readonly Finding[]) => [...new Set(findings.filter((f) => f.severity === "error").map((f) => f.code))].sort();

/**
 * What crossed the line from `before` to `after`, the run just finished. Clients present in only one
 * run are not changes (the inventory changed, not the fleet). Empty lists: nothing to alert.
 */
export function runChanges(before: Report, after: Report): RunChanges {
  const previous = new Map(before.clients.map((c) => [c.name, c]));
  const clients: ClientChange[] = [];
  for (const client of after.clients) {
    const was = previous.get(client.name);
    if (!was || WORKS[was.verdict] === WORKS[client.verdict]) continue;
    const broke = !WORKS[client.verdict];
    clients.push({
      name: client.name,
      change: broke ? "broke" : "recovered",
      from: was.verdict,
      to: client.verdict,
      codes: errorCodes(broke ? client.findings : was.findings),
    });
  }
  const fleetBefore = new Map((before.findings ?? []).map((f) => [f.code, f]));
  const fleetAfter = new Map((after.findings ?? []).map((f) => [f.code, f]));
  const fleet: FleetChange[] = [
    ...[...fleetAfter.values()].filter((f) => !fleetBefore.has(f.code)).map((f) => fleetChange("appeared", f)),
    ...[...fleetBefore.values()].filter((f) => !fleetAfter.has(f.code)).map((f) => fleetChange("resolved", f)),
  ];
  return { runId: after.runId, previousRunId: before.runId, clients: clients.sort((a, b) => a.name.localeCompare(b.name)), fleet };
}

function fleetChange(change: FleetChange["change"], finding: Finding): FleetChange {
  return { change, code: finding.code, severity: finding.severity, title: finding.title };
}

export const hasChanges = (changes: RunChanges): boolean => changes.clients.length > 0 || changes.fleet.length > 0;

/**
 * What compaction compares: each client's verdict and finding codes, and the fleet's finding codes.
 * Two runs with one signature tell an admin nothing new about each other.
 */
export function runSignature(report: Report): string {
  const clients = report.clients
    .map((c) => [c.name, c.verdict, [...new Set(c.findings.map((f) => `${f.code}:${f.severity}`))].sort()] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));
  const fleet = [...new Set((report.findings ?? []).map((f) => `${f.code}:${f.severity}`))].sort();
  return JSON.stringify({ clients, fleet });
}
