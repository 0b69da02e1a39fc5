import type { ClientFacts } from "../collect/types";
import type { AddressAnalysis } from "./advertised-ip";
import { finding } from "./catalog";
import type { Finding } from "./types";

/** Interfaces may be reported with a prefix length ("10.0.1.12/24"); only the address matters. */
function interfaceAddresses(facts: ClientFacts): Set<string> {
  return new Set(facts.interfaces.map((entry) => entry.split("/")[0]!.trim()));
}

function overrideFindings(facts: ClientFacts, analysis: AddressAnalysis): Finding[] {
  const override = analysis.override;
  switch (override.kind) {
    case "absent":
      return [];
    case "empty":
      return [finding("OVERRIDE_EMPTY", "error", { facts, raw: override.raw })];
    case "invalid":
      return [finding("OVERRIDE_INVALID", "error", { facts, reason: override.reason, preview: override.preview })];
    case "valid": {
      const ownAddress = override.ip === analysis.metadataPublicIp || interfaceAddresses(facts).has(override.ip);
      if (ownAddress) return [];
      return [finding("OVERRIDE_STALE", "error", { facts, ip: override.ip, metadataPublicIp: analysis.metadataPublicIp })];
    }
  }
}

function metadataFindings(facts: ClientFacts, analysis: AddressAnalysis, serverVersion: string): Finding[] {
  const { imds } = facts;
  const covered = analysis.override.kind === "valid";
  const findings: Finding[] = [];
  if (imds.tokenStatus === null && imds.tokenlessStatus === null && imds.publicIpv4.status === null) {
    findings.push(finding("METADATA_UNREACHABLE", covered ? "warning" : "error", { facts, analysis }));
  }
  if (analysis.imdsV2Required) {
    const breaksOuter = analysis.serverBelowImdsV2 && !covered;
    findings.push(finding("METADATA_TOKEN_REQUIRED", breaksOuter ? "error" : "warning", { facts, analysis, serverVersion }));
  }
  if (imds.publicIpv4.status === 404) {
    findings.push(finding("NO_PUBLIC_IP", covered ? "info" : "error", { analysis }));
  }
  if (!covered && analysis.outerMetadataIp === null) {
    findings.push(finding("ADVERTISED_IP_UNDETERMINED", "error", { facts, analysis, serverVersion }));
  }
  return findings;
}

/** Findings about the address `outer` advertises: the override file and instance metadata. */
export function addressFindings(facts: ClientFacts, analysis: AddressAnalysis, serverVersion: string): Finding[] {
  return [...overrideFindings(facts, analysis), ...metadataFindings(facts, analysis, serverVersion)];
}
