import type { ClientFacts } from "../collect/types";
import { inCidr } from "../common/ipv4";
import type { AddressAnalysis } from "./advertised-ip";
import { finding } from "./catalog";
import { gcpHasNoExternalIp } from "./platform";
import type { NomadFingerprint } from "../inventory/types";
import type { DiagnoseContext, Finding } from "./types";

/** Interfaces may be reported with a prefix length ("10.0.1.12/24"); only the address matters. */
export function interfaceAddresses(facts: ClientFacts): Set<string> {
  return new Set(facts.interfaces.map((entry) => entry.split("/")[0]!.trim()));
}

/** The contract's OVERRIDE_STALE: a valid override that is neither the metadata public IP nor on an interface. */
export function isStaleOverride(facts: ClientFacts, analysis: AddressAnalysis): boolean {
  const override = analysis.override;
  return override.kind === "valid" && override.ip !== analysis.metadataPublicIp && !interfaceAddresses(facts).has(override.ip);
}

function overrideFindings(facts: ClientFacts, analysis: AddressAnalysis, ctx: DiagnoseContext, nomad?: NomadFingerprint): Finding[] {
  const override = analysis.override;
  switch (override.kind) {
    case "absent":
      return [];
    case "empty":
      return [finding("OVERRIDE_EMPTY", "error", { facts, raw: override.raw, analysis, terraformModule: ctx.terraformModule })];
    case "invalid":
      return [finding("OVERRIDE_INVALID", "error", { facts, reason: override.reason, preview: override.preview })];
    case "valid": {
      if (!isStaleOverride(facts, analysis)) return [];
      const declaredPublic = (ctx.publicCidrs ?? []).some((cidr) => inCidr(override.ip, cidr));
      const seen = {
        facts,
        ip: override.ip,
        metadataPublicIp: analysis.metadataPublicIp,
        analysis,
        nomadPublicIp: nomad?.publicIpv4,
        declaredPublic,
      };
      return [finding("OVERRIDE_STALE", "error", seen)];
    }
  }
}

/** Metadata says there is no public IP: AWS's 404 for public-ipv4, GCP's for external-ip. */
function noPublicIp(facts: ClientFacts, analysis: AddressAnalysis): boolean {
  if (analysis.platform === "gcp") return gcpHasNoExternalIp(facts);
  return (analysis.platform === "aws" || analysis.platform === "unknown") && facts.imds.publicIpv4.status === 404;
}

function metadataFindings(facts: ClientFacts, analysis: AddressAnalysis, serverVersion: string): Finding[] {
  const { imds } = facts;
  const covered = analysis.override.kind === "valid";
  const findings: Finding[] = [];
  if (imds.tokenStatus === null && imds.tokenlessStatus === null && imds.publicIpv4.status === null) {
    // Without cloud metadata (bare metal) silence is the normal state; ADVERTISED_IP_UNDETERMINED carries the error.
    const severity = analysis.platform === "none" ? "info" : covered ? "warning" : "error";
    findings.push(finding("METADATA_UNREACHABLE", severity, { facts, analysis }));
  }
  if (analysis.imdsV2Required) {
    const breaksOuter = analysis.serverBelowImdsV2 && !covered;
    findings.push(finding("METADATA_TOKEN_REQUIRED", breaksOuter ? "error" : "warning", { facts, analysis, serverVersion }));
  }
  if (noPublicIp(facts, analysis)) {
    findings.push(finding("NO_PUBLIC_IP", covered ? "info" : "error", { facts, analysis }));
  }
  if (!covered && analysis.outerMetadataIp === null) {
    findings.push(finding("ADVERTISED_IP_UNDETERMINED", "error", { facts, analysis, serverVersion }));
  }
  return findings;
}

/** Findings about the address `outer` advertises: the override file and instance metadata. */
export function addressFindings(facts: ClientFacts, analysis: AddressAnalysis, ctx: DiagnoseContext, nomad?: NomadFingerprint): Finding[] {
  return [...overrideFindings(facts, analysis, ctx, nomad), ...metadataFindings(facts, analysis, ctx.serverVersion)];
}
