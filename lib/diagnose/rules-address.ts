import type { ClientFacts } from "../collect/types";
import type { AddressAnalysis } from "./advertised-ip";
import { overrideEmptyText, overrideInvalidText, overrideStaleText } from "./texts-override";
import { metadataUnreachableText, noPublicIpText, tokenRequiredText, undeterminedText } from "./texts-metadata";
import type { Finding } from "./types";
import { makeFinding } from "./verdict";

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
      return [makeFinding("OVERRIDE_EMPTY", "error", overrideEmptyText(facts, override.raw))];
    case "invalid":
      return [makeFinding("OVERRIDE_INVALID", "error", overrideInvalidText(facts, override.reason, override.preview))];
    case "valid": {
      const ownAddress = override.ip === analysis.metadataPublicIp || interfaceAddresses(facts).has(override.ip);
      if (ownAddress) return [];
      return [makeFinding("OVERRIDE_STALE", "error", overrideStaleText(facts, override.ip, analysis.metadataPublicIp))];
    }
  }
}

function metadataFindings(facts: ClientFacts, analysis: AddressAnalysis, serverVersion: string): Finding[] {
  const { imds } = facts;
  const covered = analysis.override.kind === "valid";
  const findings: Finding[] = [];
  if (imds.tokenStatus === null && imds.tokenlessStatus === null && imds.publicIpv4.status === null) {
    findings.push(makeFinding("METADATA_UNREACHABLE", covered ? "warning" : "error", metadataUnreachableText(facts, analysis)));
  }
  if (analysis.imdsV2Required) {
    const breaksOuter = analysis.serverBelowImdsV2 && !covered;
    findings.push(
      makeFinding("METADATA_TOKEN_REQUIRED", breaksOuter ? "error" : "warning", tokenRequiredText(facts, analysis, serverVersion)),
    );
  }
  if (imds.publicIpv4.status === 404) {
    findings.push(makeFinding("NO_PUBLIC_IP", covered ? "info" : "error", noPublicIpText(analysis)));
  }
  if (!covered && analysis.outerMetadataIp === null) {
    findings.push(makeFinding("ADVERTISED_IP_UNDETERMINED", "error", undeterminedText(facts, analysis, serverVersion)));
  }
  return findings;
}

/** Findings about the address `outer` advertises: the override file and instance metadata. */
export function addressFindings(facts: ClientFacts, analysis: AddressAnalysis, serverVersion: string): Finding[] {
  return [...overrideFindings(facts, analysis), ...metadataFindings(facts, analysis, serverVersion)];
}
