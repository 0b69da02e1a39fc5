import type { CollectOutcome } from "../collect/types";
import type { ClientDiagnosis, ClientObservation, DiagnoseContext, Finding } from "../diagnose/types";
import type { FleetObservation } from "../diagnose/reach-types";
import { detectPlatform } from "../diagnose/platform";
import { agentFingerprint, agentNode } from "../diagnose/rules-nomad-agent";
import { reachClientFields, reachReportFields } from "./build-reach";
import type { ClientReport, NomadDiscoveryReport, Report } from "./schema";

/** The fingerprint the host showed: known for a session, or the one presented when its key was refused. */
function hostKeyFingerprint(collect: CollectOutcome): string | null {
  if (collect.kind !== "session-failed") return collect.hostKeyFingerprint;
  const { failure } = collect;
  return failure.kind === "host-key-mismatch" || failure.kind === "host-key-unknown" ? failure.presented : null;
}

export function buildClientReport(obs: ClientObservation, diagnosis: ClientDiagnosis): ClientReport {
  const { target, collect, probe } = obs;
  const result = probe.kind === "probed" ? probe.result : null;
  return {
    name: target.name,
    host: target.host,
    port: target.port,
    verdict: diagnosis.verdict,
    advertisedIp: diagnosis.advertisedIp,
    advertisedIpSource: diagnosis.advertisedIpSource,
    ports: result ? { ...result.counts } : { open: 0, closed: 0, filtered: 0 },
    findings: diagnosis.findings.map((finding) => ({ ...finding })),
    probedAddress: result?.address ?? null,
    portRuns: result ? result.runs.map((run) => ({ ...run })) : [],
    banners: (result?.open ?? []).flatMap((port) => (port.banner === undefined ? [] : [{ port: port.port, banner: port.banner }])),
    hostKeyFingerprint: hostKeyFingerprint(collect),
    facts: collect.kind === "collected" ? collect.facts : null,
    ...(collect.kind === "collected" ? { platform: detectPlatform(collect.facts) } : {}),
    durationMs: collect.durationMs + (result?.durationMs ?? 0),
    ...(result ? { scanMs: result.durationMs } : {}),
    ...(collect.timings ? { timings: { ...collect.timings, steps: collect.timings.steps.map((s) => ({ ...s })) } } : {}),
    source: target.source,
    nomad: nomadOf(obs),
    ...reachClientFields(obs, diagnosis),
  };
}

/** Nomad's record of the client: from server-API discovery, else from the client's own agent (so redaction knows its names). */
function nomadOf(obs: ClientObservation): ClientReport["nomad"] {
  const { nomad } = obs.target;
  if (nomad && (nomad.publicIpv4 ?? nomad.localIpv4 ?? nomad.instanceId) !== null) return { ...nomad };
  const node = agentNode(obs.host);
  return node ? agentFingerprint(node) : nomad ? { ...nomad } : null;
}

export interface BuildReportInput {
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly ctx: DiagnoseContext;
  readonly clients: readonly ClientReport[];
  readonly nomad?: NomadDiscoveryReport | null;
  /** Vantages and VMs, when the inventory configures them, and the findings that belong to no client. */
  readonly fleet?: FleetObservation | null;
  readonly fleetFindings?: readonly Finding[];
}

export function buildReport(input: BuildReportInput): Report {
  return {
    schemaVersion: 1,
    runId: input.runId,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    inventory: {
      serverVersion: input.ctx.serverVersion,
      rerunPorts: { from: input.ctx.rerunPorts.from, to: input.ctx.rerunPorts.to },
    },
    clients: [...input.clients],
    ...(input.nomad !== undefined ? { nomad: input.nomad } : {}),
    ...reachReportFields(input.fleet, input.fleetFindings ?? []),
    ...(input.ctx.usersNetworks?.length ? { usersNetworks: input.ctx.usersNetworks.map((n) => ({ ...n })) } : {}),
  };
}
