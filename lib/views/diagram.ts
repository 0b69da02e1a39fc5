import { ARROW_CODES, ARROW_IDS, CATALOG, type ArrowId } from "../diagnose/catalog";
import { portList, servicesPorts, VM_PORTS, VM_USER_PORT } from "../diagnose/circleci-ports";
import type { FindingCode } from "../diagnose/types";
import { DEFAULT_RERUN_PORTS, NEWEST_SERVER_VERSION } from "../inventory/types";
import type { ClientReport, MachineReport } from "../report/schema";
import type { Tone } from "./matrix-cells";
import { machineArrow, pathConfigured } from "./path-arrows";

const NAME: Readonly<Record<ArrowId, string>> = {
  inspect: "Rerun Doctor → Nomad client (SSH)",
  metadata: "outer → AWS instance metadata",
  advertise: "outer picks the advertised address",
  "rerun-ports": "user → Docker jobs on the Nomad client",
  machine: "user → machine job (VM)",
  "vm-from-client": "Nomad client → machine job (VM)",
  services: "Nomad client ↔ services machine",
};

export type ArrowOutcome = "fail" | "warn" | "unknown" | "ok" | "none";

export interface ArrowState {
  readonly id: ArrowId;
  /** Words for the link itself, e.g. "Rerun Doctor → Nomad client (SSH)". */
  readonly name: string;
  /** What CircleCI's figure writes on the arrow, e.g. "ports 64535–65535". */
  readonly label: string;
  /** Counts in a few words ("3 of 40 failing"), or "not configured" for unmeasured arrows. */
  readonly status: string;
  readonly total: number;
  readonly failing: number;
  readonly warning: number;
  readonly unknown: number;
  readonly ok: number;
  readonly tone: Tone;
  /** Codes that make clients fail this arrow, most clients first. */
  readonly failingCodes: readonly FindingCode[];
  readonly summary: string;
}

export interface DiagramState {
  readonly selected: string | null;
  readonly total: number;
  readonly arrows: Readonly<Record<ArrowId, ArrowState>>;
}

export interface DiagramOptions {
  readonly rerunPorts?: { readonly from: number; readonly to: number };
  /** Each VM's 54782 from the dashboard and the vantages (Report.machines). */
  readonly machines?: readonly MachineReport[];
  /** CircleCI Server version: 2.x talks to services on 7171/3001, later ones on 3000. */
  readonly serverVersion?: string;
}

const sessionFailed = (client: ClientReport) => client.findings.some((f) => ARROW_CODES.inspect.includes(f.code));

/** What one client says about one arrow; a client not inspected tells nothing past the SSH arrow. */
export function arrowOutcome(client: ClientReport, id: ArrowId): ArrowOutcome {
  const codes = ARROW_CODES[id];
  if (!pathConfigured(client, id)) return "none";
  if (sessionFailed(client)) return id === "inspect" ? "fail" : "unknown";
  if (client.facts === null) return "unknown";
  if (id === "inspect") return "ok";
  const own = client.findings.filter((f) => codes.includes(f.code));
  if (own.some((f) => f.severity === "error")) return "fail";
  if (own.some((f) => f.severity === "warning")) return "warn";
  if (own.some((f) => f.severity === "info")) return "unknown";
  if (id === "rerun-ports" && (client.probedAddress === null || client.findings.some((f) => f.code === "RERUN_PORTS_NOT_PROBED")))
    return "unknown";
  return "ok";
}

export const clientFailsArrow = (client: ClientReport, id: ArrowId): boolean => arrowOutcome(client, id) === "fail";

function codesBy(clients: readonly ClientReport[], id: ArrowId, severity: "error" | "warning"): FindingCode[] {
  const counts = new Map<FindingCode, number>();
  for (const client of clients) {
    const codes = new Set(client.findings.filter((f) => f.severity === severity && ARROW_CODES[id].includes(f.code)).map((f) => f.code));
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([code]) => code);
}

const words = (codes: readonly FindingCode[]) => codes.map((code) => CATALOG[code].arrowCause).join("; ");
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function label(id: ArrowId, options: DiagramOptions): string {
  const ports = options.rerunPorts ?? DEFAULT_RERUN_PORTS;
  const services = servicesPorts(options.serverVersion ?? NEWEST_SERVER_VERSION);
  const labels: Record<ArrowId, string> = {
    inspect: "SSH",
    metadata: "169.254.169.254",
    advertise: "advertised IP",
    "rerun-ports": ports.from === ports.to ? `port ${ports.from}` : `ports ${ports.from}–${ports.to}`,
    machine: `port ${VM_USER_PORT}`,
    "vm-from-client": portList(VM_PORTS),
    services: portList(services),
  };
  return labels[id];
}

function arrowState(clients: readonly ClientReport[], id: ArrowId, options: DiagramOptions, selected: string | null): ArrowState {
  const base = { id, name: NAME[id], label: label(id, options), total: clients.length };
  const count = (outcome: ArrowOutcome) => clients.filter((c) => arrowOutcome(c, id) === outcome).length;
  if (id === "machine" && options.machines && options.machines.length > 0) return machineArrow(options.machines, base);
  if (clients.length > 0 && clients.every((c) => arrowOutcome(c, id) === "none")) {
    return {
      ...base,
      status: "not configured",
      failing: 0,
      warning: 0,
      unknown: 0,
      ok: 0,
      tone: "none",
      failingCodes: [],
      summary: "not configured in the inventory",
    };
  }
  const failing = count("fail");
  const warning = count("warn");
  const unknown = count("unknown");
  const ok = count("ok");
  const failingCodes = codesBy(clients, id, "error");
  const total = clients.length;
  const tone: Tone = failing > 0 ? "bad" : warning > 0 ? "warn" : ok === 0 ? "unknown" : "good";
  const [shown, word] =
    failing > 0 ? [failing, "failing"] : warning > 0 ? [warning, "warning"] : ok === 0 ? [unknown, "unknown"] : [ok, "ok"];
  const status = total === 0 ? "no clients" : selected ? word : `${shown} of ${total} ${word}`;
  const unmeasured = id === "rerun-ports" ? "not probed" : "not inspected";
  const parts: string[] = [];
  if (total === 0) parts.push(selected ? `${selected} is not in this run` : "no clients in this run");
  else if (failing > 0)
    parts.push(
      `${selected ?? `${failing} of ${plural(total, "client", "clients")}`} ${selected || failing === 1 ? "fails" : "fail"}: ` +
        `${words(failingCodes)}`,
    );
  else if (ok > 0) parts.push(selected ? `${selected}: ok` : `${ok} of ${plural(total, "client", "clients")} ok`);
  if (warning > 0) parts.push(`${selected ?? `${warning} with a warning`}: ${words(codesBy(clients, id, "warning"))}`);
  if (unknown > 0) parts.push(selected ? `${selected}: ${unmeasured}` : `${unknown} ${unmeasured}`);
  return { ...base, status, failing, warning, unknown, ok, tone, failingCodes, summary: parts.join("; ") };
}

/** The figure's arrows for a fleet, or for one client when `selected` names it. */
export function diagramState(clients: readonly ClientReport[], selected?: string | null, options: DiagramOptions = {}): DiagramState {
  const chosen = selected ? clients.filter((c) => c.name === selected) : clients;
  const entries = ARROW_IDS.map((id) => [id, arrowState(chosen, id, options, selected ?? null)] as const);
  return { selected: selected ?? null, total: chosen.length, arrows: Object.fromEntries(entries) as Record<ArrowId, ArrowState> };
}

export const isArrowId = (value: string | null): value is ArrowId => value !== null && (ARROW_IDS as readonly string[]).includes(value);

/** The query param that carries a selected client across the diagram's links. */
export const SELECTED_CLIENT_PARAM = "client";

/** `/?run=ID&arrow=ID`, keeping the rest of `baseQuery` and the selected client. */
export function arrowHref(runId: string, id: ArrowId, baseQuery = "", selected: string | null = null): string {
  const params = new URLSearchParams(baseQuery);
  params.set("run", runId);
  params.set("arrow", id);
  if (selected) params.set(SELECTED_CLIENT_PARAM, selected);
  return `/?${params.toString()}`;
}
