import type { ClientFacts, CollectOutcome, ImdsFacts, ImdsItem, OverrideFacts } from "../collect/types";
import type { Target } from "../inventory/types";
import type { PortRange } from "../common/ports";
import { resultFromProbes } from "../probe/from-probes";
import type { PortProbe } from "../probe/types";
import type { PortState } from "../common/ports";
import type { SessionFailure } from "../ssh/types";
import type { ClientPath, PathScan, VantageView, ReachObservation } from "./reach-types";
import type { ClientDiagnosis, ClientObservation, DiagnoseContext, Finding, FindingCode, ProbeOutcome } from "./types";

/** Lab-style addresses: 198.51.100.0/25 private, 198.51.100.128/25 public. */
export const PRIVATE_IP = "198.51.100.11";
export const PUBLIC_IP = "198.51.100.131";
export const RERUN_PORTS: PortRange = { from: 64535, to: 65535 };
export const CTX: DiagnoseContext = {
  serverVersion: "4.8",
  rerunPorts: RERUN_PORTS,
  rerunPortsExplicit: false,
  podmanPorts: { from: 32768, to: 60999 },
};
export const FINGERPRINT = "SHA256:healthyhostkeyfingerprint0000000000000000000";

export function makeTarget(overrides: Partial<Target> = {}): Target {
  return { name: "nomad-client-1", host: PRIVATE_IP, port: 22, user: "ubuntu", source: "inventory", ...overrides };
}

const ok = (value: string): ImdsItem => ({ status: 200, value });

export function makeImds(overrides: Partial<ImdsFacts> = {}): ImdsFacts {
  return {
    tokenStatus: 200,
    tokenlessStatus: 200,
    publicIpv4: ok(PUBLIC_IP),
    localIpv4: ok(PRIVATE_IP),
    instanceId: ok("i-0123456789abcdef0"),
    availabilityZone: ok("us-east-1a"),
    ...overrides,
  };
}

export const IMDS_SILENT: ImdsFacts = makeImds({
  tokenStatus: null,
  tokenlessStatus: null,
  publicIpv4: { status: null, value: null },
  localIpv4: { status: null, value: null },
  instanceId: { status: null, value: null },
  availabilityZone: { status: null, value: null },
});

export function noOverride(): OverrideFacts {
  return { exists: false, size: null, mtime: null, contentBase64: "", truncated: false };
}

export function overrideFile(content: string | Uint8Array, truncated = false, size?: number): OverrideFacts {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return {
    exists: true,
    size: size ?? bytes.length,
    mtime: "2024-05-01T10:00:00Z",
    contentBase64: btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join("")),
    truncated,
  };
}

export function makeFacts(overrides: Partial<ClientFacts> = {}): ClientFacts {
  return {
    hostname: "ip-198-51-100-11",
    override: noOverride(),
    imds: makeImds(),
    interfaces: [PRIVATE_IP],
    listeningPorts: [22],
    runtime: "docker",
    httpTool: "curl",
    warnings: [],
    ...overrides,
  };
}

export function collected(facts: ClientFacts = makeFacts()): CollectOutcome {
  return { kind: "collected", hostKeyFingerprint: FINGERPRINT, facts, durationMs: 120 };
}

export function sessionFailed(failure: SessionFailure): CollectOutcome {
  return { kind: "session-failed", failure, durationMs: 5000 };
}

/** One probe per port of the range, state chosen per port; open ports carry an SSH banner. */
export function portProbes(stateOf: (port: number) => PortState, range: PortRange = RERUN_PORTS): PortProbe[] {
  const probes: PortProbe[] = [];
  for (let port = range.from; port <= range.to; port++) {
    const state = stateOf(port);
    const reason = state === "open" ? "syn-ack" : state === "closed" ? "conn-refused" : "no-response";
    probes.push({ port, state, reason, rttMs: 1, ...(state === "open" ? { banner: "SSH-2.0-OpenSSH_9.2p1" } : {}) });
  }
  return probes;
}

export function probed(ports: readonly PortProbe[], address = PUBLIC_IP): ProbeOutcome {
  const from = ports.length > 0 ? Math.min(...ports.map((p) => p.port)) : RERUN_PORTS.from;
  const to = ports.length > 0 ? Math.max(...ports.map((p) => p.port)) : RERUN_PORTS.to;
  return { kind: "probed", result: resultFromProbes(address, { from, to }, ports, 1500) };
}

export const ALL_CLOSED: ProbeOutcome = probed(portProbes(() => "closed"));

export function skipped(reason: string, address: string | null = null): ProbeOutcome {
  return { kind: "skipped", skipped: { address, reason } };
}

/** A healthy client (metadata public IP, every rerun port closed); override any part. */
export function makeObservation(
  overrides: { target?: Partial<Target>; facts?: Partial<ClientFacts>; collect?: CollectOutcome; probe?: ProbeOutcome } = {},
): ClientObservation {
  return {
    target: makeTarget(overrides.target),
    collect: overrides.collect ?? collected(makeFacts(overrides.facts)),
    probe: overrides.probe ?? ALL_CLOSED,
  };
}

export function codesOf(diagnosis: ClientDiagnosis): FindingCode[] {
  return diagnosis.findings.map((finding) => finding.code);
}

/** The finding with that code; throws so a missing finding fails the test with its name. */
export function findingOf(diagnosis: ClientDiagnosis, code: FindingCode): Finding {
  const found = diagnosis.findings.find((finding) => finding.code === code);
  if (!found) throw new Error(`no ${code} finding; got ${codesOf(diagnosis).join(", ") || "none"}`);
  return found;
}

/** A vantage's scan of the rerun range, state chosen per port. */
export function vantageScan(stateOf: (port: number) => PortState, range: PortRange = RERUN_PORTS, address = PUBLIC_IP): PathScan {
  const probes = portProbes(stateOf, range).map(({ port, state, reason, rttMs }) => ({ port, state, reason, rttMs }));
  const counts = { open: 0, closed: 0, filtered: 0 };
  for (const probe of probes) counts[probe.state]++;
  return { address, probes, counts, rangeSize: probes.length, durationMs: 900, lost: null };
}

export function vantageView(vantage: string, scan: PathScan | null, unusable: string | null = null): VantageView {
  return { vantage, unusable, scan };
}

/** A path from the client; `state` other than open carries the matching reason. */
export function clientPath(kind: ClientPath["kind"], target: string, port: number, purpose: string, state: PortState = "open"): ClientPath {
  const reason = state === "open" ? "syn-ack" : state === "closed" ? "conn-refused" : "no-response";
  return {
    kind,
    target,
    host: kind === "services" ? "services.internal" : "198.51.100.60",
    port,
    purpose,
    probe: { port, state, reason, rttMs: 2 },
  };
}

export function withReach(obs: ClientObservation, reach: ReachObservation): ClientObservation {
  return { ...obs, reach: { ...obs.reach, ...reach } };
}
