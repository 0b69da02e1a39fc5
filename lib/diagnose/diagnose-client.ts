import { analyzeAddress } from "./advertised-ip";
import { addressFindings } from "./rules-address";
import { cloudFindings } from "./rules-cloud";
import { nomadFindings } from "./rules-nomad";
import { hostFindings } from "./rules-host";
import { agentFingerprint, agentNode, nomadAgentFindings } from "./rules-nomad-agent";
import { pathFindings, rangeMismatchFindings } from "./rules-paths";
import { sameRange } from "../common/ports";
import { portFindings } from "./rules-ports";
import { sessionFinding, slowFinding } from "./rules-session";
import { rerunsFailFrom, vantageFindings } from "./rules-vantage";
import type { NomadFingerprint } from "../inventory/types";
import type { ClientDiagnosis, ClientObservation, DiagnoseContext, Finding } from "./types";
import { finding } from "./catalog";
import { inContractOrder, verdictOf } from "./verdict";

function uninspected(findings: readonly Finding[]): ClientDiagnosis {
  return { advertisedIp: null, advertisedIpSource: "none", findings: inContractOrder(findings), verdict: "unknown" };
}

/** A fingerprint with something in it: nodes listed through a client's agent (nomad.via) carry none. */
const fingerprinted = (nomad: NomadFingerprint | undefined) =>
  nomad && (nomad.publicIpv4 ?? nomad.localIpv4 ?? nomad.instanceId) !== null ? nomad : undefined;

/** Without server-API discovery, what the client's own agent fingerprinted is compared instead. */
function fromAgent(obs: ClientObservation) {
  const node = agentNode(obs.host);
  return node ? agentFingerprint(node) : undefined;
}

/** Diagnoses one client from what was observed of it; pure. */
export function diagnoseClient(obs: ClientObservation, ctx: DiagnoseContext): ClientDiagnosis {
  const { collect, target } = obs;
  if (collect.kind === "session-failed") return uninspected([sessionFinding(target, collect.failure)]);
  if (collect.kind === "collect-failed") {
    return uninspected([
      finding("COLLECT_FAILED", "error", { target, fingerprint: collect.hostKeyFingerprint, message: collect.message }),
      ...portFindings(obs.probe, null, ctx.rerunPorts, null),
    ]);
  }
  const { facts } = collect;
  const analysis = analyzeAddress(facts, ctx.serverVersion);
  const { ip, source } = analysis.advertised;
  const range = obs.reach?.rerunRange ?? ctx.rerunPorts;
  const findings = inContractOrder([
    ...slowFinding(target, collect),
    ...addressFindings(facts, analysis, ctx, target.nomad),
    ...cloudFindings(facts, analysis, range.from),
    ...portFindings(obs.probe, ip, range, facts.runtime === "podman" && !sameRange(range, ctx.podmanPorts) ? ctx.podmanPorts : null),
    ...nomadFindings(fingerprinted(target.nomad) ?? fromAgent(obs), facts),
    ...nomadAgentFindings(obs.host),
    ...hostFindings(obs.host, { rerunRange: range, users: ctx.users ?? null, networks: ctx.usersNetworks }),
    ...vantageFindings(obs, range),
    ...rangeMismatchFindings(facts, range, ctx),
    ...pathFindings(obs),
  ]);
  const failFrom = obs.reach?.vantages ? { rerunsFailFrom: rerunsFailFrom(obs, findings) } : {};
  return { advertisedIp: ip, advertisedIpSource: source, findings, verdict: verdictOf(findings, true), ...failFrom };
}
