import { escapeBytes } from "../common/escape";
import type { FindingCode, Verdict } from "../diagnose/types";
import type { ClientReport, Report } from "./schema";

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

/** The override file as a diff shows it: absent, or its bytes escaped to printable text. */
export type OverrideState = { readonly exists: false } | { readonly exists: true; readonly preview: string };

export interface ClientDiff {
  readonly name: string;
  readonly change: "added" | "removed" | "changed" | "unchanged";
  readonly verdict: Change<Verdict | null> | null;
  readonly advertisedIp: Change<string | null> | null;
  /** Null when unchanged, or when either run could not read the file. */
  readonly override: Change<OverrideState> | null;
  readonly ports: Change<ClientReport["ports"]> | null;
  readonly findingsAdded: readonly FindingCode[];
  readonly findingsRemoved: readonly FindingCode[];
}

export interface ReportDiff {
  readonly before: { readonly runId: string; readonly startedAt: string };
  readonly after: { readonly runId: string; readonly startedAt: string };
  readonly clients: readonly ClientDiff[];
  readonly counts: Readonly<Record<ClientDiff["change"], number>>;
}

/** The override as the client page shows it: the same escaper, the same bound. */
function preview(base64: string): string {
  return escapeBytes(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
}

function overrideOf(client: ClientReport | undefined): OverrideState | null {
  const override = client?.facts?.override;
  if (!override) return null;
  return override.exists ? { exists: true, preview: preview(override.contentBase64) } : { exists: false };
}

function changed<T>(before: T, after: T, same: (a: T, b: T) => boolean = Object.is): Change<T> | null {
  return same(before, after) ? null : { before, after };
}

const sameOverride = (a: OverrideState | null, b: OverrideState | null) =>
  a === null || b === null || (a.exists === b.exists && (!a.exists || (b.exists && a.preview === b.preview)));
const samePorts = (a: ClientReport["ports"] | null, b: ClientReport["ports"] | null) =>
  a?.open === b?.open && a?.closed === b?.closed && a?.filtered === b?.filtered;

function diffClient(name: string, before: ClientReport | undefined, after: ClientReport | undefined): ClientDiff {
  const codesBefore = new Set(before?.findings.map((f) => f.code));
  const codesAfter = new Set(after?.findings.map((f) => f.code));
  const overrideBefore = overrideOf(before);
  const overrideAfter = overrideOf(after);
  const diff = {
    name,
    verdict: changed(before?.verdict ?? null, after?.verdict ?? null),
    advertisedIp: changed(before?.advertisedIp ?? null, after?.advertisedIp ?? null),
    override: sameOverride(overrideBefore, overrideAfter) ? null : { before: overrideBefore!, after: overrideAfter! },
    ports: before && after ? changed(before.ports, after.ports, samePorts) : null,
    findingsAdded: [...codesAfter].filter((code) => !codesBefore.has(code)),
    findingsRemoved: [...codesBefore].filter((code) => !codesAfter.has(code)),
  };
  const any =
    diff.verdict || diff.advertisedIp || diff.override || diff.ports || diff.findingsAdded.length > 0 || diff.findingsRemoved.length > 0;
  const change = !before ? "added" : !after ? "removed" : any ? "changed" : "unchanged";
  return { ...diff, change };
}

/** What changed from one run to another, client by client (matched by name): after's order, then removed ones. */
export function diffReports(before: Report, after: Report): ReportDiff {
  const beforeByName = new Map(before.clients.map((c) => [c.name, c]));
  const afterByName = new Map(after.clients.map((c) => [c.name, c]));
  const names = [...afterByName.keys(), ...[...beforeByName.keys()].filter((name) => !afterByName.has(name))];
  const clients = names.map((name) => diffClient(name, beforeByName.get(name), afterByName.get(name)));
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const client of clients) counts[client.change]++;
  return {
    before: { runId: before.runId, startedAt: before.startedAt },
    after: { runId: after.runId, startedAt: after.startedAt },
    clients,
    counts,
  };
}
