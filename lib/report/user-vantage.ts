import { isIpv4 } from "../common/ipv4";
import { countStates, toRuns } from "../common/ports";
import { userScanFinding, type UserProbe } from "../diagnose/rules-users";
import { DASHBOARD_SOURCE } from "../diagnose/reach-types";
import { inContractOrder, verdictOf } from "../diagnose/verdict";
import type { ClientReport, Report, VantageClientReport } from "./schema";
import { isPortReason, type UserProbeResult, type UserProbeTool } from "./user-probe";

/** One user probe request's latest upload, as the store keeps it. */
export interface UserVantageInput {
  readonly label: string;
  /** The uploader's address as the dashboard saw it (after RERUN_DOCTOR_TRUSTED_PROXIES). */
  readonly source: string;
  readonly reportedAt: string;
  readonly tool: UserProbeTool;
  readonly results: readonly UserProbeResult[];
}

export const USER_VANTAGE_PREFIX = "users (reported by ";
export const userVantageName = (label: string): string => `${USER_VANTAGE_PREFIX}${label})`;

/**
 * The users' networks as CIDRs, from the addresses their uploads came from (an IPv4 /32, or the IPv6
 * /64 the source is counted by): what per-client checks of a `users.cidrs` list can take.
 */
export function userSourceCidrs(report: Report): string[] {
  const hosts = (report.vantages ?? []).filter((v) => v.kind === "users").map((v) => v.host);
  return [...new Set(hosts.flatMap((h) => (isIpv4(h) ? [`${h}/32`] : h.endsWith("::/64") ? [h] : [])))];
}

const NOT_COVERED = "the user's probe did not cover this client (the dashboard did not probe its advertised IP)";
const FILTERED_CODES = new Set(["RERUN_PORTS_FILTERED", "RERUN_PORTS_PARTIALLY_FILTERED"]);

function withUsers(client: ClientReport, name: string, input: UserVantageInput, report: Report): ClientReport {
  const mine = client.probedAddress === null ? [] : input.results.filter((r) => r.ip === client.probedAddress);
  const range = client.rerunPorts ?? report.inventory.rerunPorts;
  const known: UserProbe[] = mine.flatMap((r) =>
    r.state !== "unknown" && isPortReason(r.reason) ? [{ port: r.port, state: r.state, reason: r.reason }] : [],
  );
  const entry: VantageClientReport = {
    name,
    usable: true,
    reason: mine.length === 0 ? NOT_COVERED : null,
    address: mine.length === 0 ? null : client.probedAddress,
    counts: countStates(known),
    runs: toRuns(known),
    probed: known.length,
    rangeSize: mine.length === 0 ? 0 : range.to - range.from + 1,
    undetermined: mine.length - known.length,
  };
  const vantages = [...(client.vantages ?? []), entry];
  const found =
    mine.length === 0
      ? null
      : userScanFinding({ vantage: name, source: input.source, address: client.probedAddress!, probes: known }, range, client.portRuns);
  if (!found) return { ...client, vantages };
  const findings = inContractOrder([...client.findings, found]);
  const before = client.rerunsFailFrom ?? (client.findings.some((f) => FILTERED_CODES.has(f.code)) ? [DASHBOARD_SOURCE] : []);
  return {
    ...client,
    vantages,
    findings,
    verdict: client.verdict === "unknown" ? "unknown" : verdictOf(findings, true),
    rerunsFailFrom: [...before, name],
  };
}

/** Vantage names stay unique when two requests share a label. */
function names(inputs: readonly UserVantageInput[]): string[] {
  const used = new Map<string, number>();
  return inputs.map((input) => {
    const base = userVantageName(input.label);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}

/**
 * The report with each user probe's results as one more vantage: a column per client, a fleet-level
 * status naming the users' address, and a finding where the users' network got no answer.
 */
export function withUserVantages(report: Report, inputs: readonly UserVantageInput[]): Report {
  if (inputs.length === 0) return report;
  const vantageNames = names(inputs);
  let clients = report.clients;
  inputs.forEach((input, i) => {
    clients = clients.map((c) => withUsers(c, vantageNames[i]!, input, report));
  });
  const statuses = inputs.map((input, i) => ({
    name: vantageNames[i]!,
    host: input.source,
    check: null,
    usable: true,
    reason: null,
    kind: "users" as const,
    reportedAt: input.reportedAt,
    tool: input.tool,
  }));
  return { ...report, clients, vantages: [...(report.vantages ?? []), ...statuses] };
}
