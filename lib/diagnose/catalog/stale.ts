import type { ClientFacts } from "../../collect/types";
import { specialUse } from "../../common/ipv4";
import type { AddressAnalysis } from "../advertised-ip";
import type { FindingText } from "./entry";
import { overrideAdvice } from "./platform-advice";
import { OVERRIDE_PATH, TOKEN_BOOT_SCRIPT } from "./words";

export type StaleSeen = {
  facts: ClientFacts;
  ip: string;
  metadataPublicIp: string | null;
  analysis: AddressAnalysis;
  /** The public IP Nomad fingerprinted at agent start, when discovery read it. */
  nomadPublicIp?: string | null;
  /** Inside probe.allowCidrs: public because the admin says so, whatever its special use. */
  declaredPublic?: boolean;
};

/** Nomad's fingerprint as a second witness (research §5: static, read at agent start). */
function nomadEvidence(ip: string, nomadPublicIp: string | null | undefined): string {
  if (!nomadPublicIp) return "";
  return nomadPublicIp === ip
    ? ` Nomad fingerprinted the same public IP at agent start: the file may be right and only metadata could not confirm it.`
    : ` Nomad fingerprinted ${nomadPublicIp} as this instance's public IP at agent start.`;
}

/** When the file was written against when the client booted, as evidence; empty when either is unknown. */
export function bootEvidence(facts: ClientFacts): string {
  const mtime = facts.override.mtime;
  const boot = facts.bootTime;
  if (!mtime || !boot) return "";
  const before = Date.parse(mtime) < Date.parse(boot);
  return ` The file was last written at ${mtime}, ${before ? "before" : "after"} this boot (${boot}).`;
}

/**
 * A public address on no interface while metadata gives no public IP: what `curl ifconfig.me`
 * prints from a private subnet, a NAT gateway's, which never accepts inbound (research §2.1, F6).
 */
export const looksLikeNat = (ip: string, analysis: AddressAnalysis, declaredPublic = false): boolean =>
  analysis.metadataPublicIp === null && (specialUse(ip) === null || declaredPublic) && analysis.platform !== "unknown";

export function staleText({ facts, ip, metadataPublicIp, analysis, nomadPublicIp, declaredPublic }: StaleSeen): FindingText {
  const evidence = `${bootEvidence(facts)}${nomadEvidence(ip, nomadPublicIp)}`;
  const interfaces = facts.interfaces.length > 0 ? facts.interfaces.join(", ") : "none reported";
  const advice =
    analysis.platform === "aws" || analysis.platform === "unknown" ? `\`${TOKEN_BOOT_SCRIPT}\`.` : overrideAdvice(analysis.platform);
  if (looksLikeNat(ip, analysis, declaredPublic)) {
    const router = analysis.platform === "none" ? " unless a router forwards the rerun ports of that address to this client (1:1 NAT)" : "";
    return {
      title: `Override ${ip} is not this client's address: a NAT gateway's?`,
      detail:
        `${OVERRIDE_PATH} holds ${ip}, a public address on none of this client's interfaces (${interfaces}), while metadata ` +
        `gives the instance no public IP. That is the shape of a NAT gateway's egress address (what \`curl ifconfig.me\` prints ` +
        `from a private subnet): a NAT gateway never accepts inbound connections, so users cannot reach reruns there${router}. ` +
        `It may also be an address copied from another client or left from a replaced instance.${evidence}`,
      remediation:
        "Write the client's own address: its private IP for users inside the network (VPN, peering, a bastion), or give the " +
        "clients public IPs (client_public_ip = true in nomad-aws, assign_public_ip = true in nomad-gcp) and write that. " +
        `Never the NAT gateway's address. ${advice}`,
    };
  }
  return {
    title: `Override ${ip} is not this client's address`,
    detail:
      `${OVERRIDE_PATH} holds ${ip}, but the instance's metadata public IP is ${metadataPublicIp ?? "absent"} ` +
      `and its interfaces hold ${interfaces}. The file was copied from another client or left over after the instance ` +
      `was replaced, so users are sent to a machine that is not running their job.${evidence}`,
    remediation:
      "Reissue the override from this instance's own metadata at every boot (user data of the Nomad clients' launch " +
      `template, not a file baked into the AMI or copied between clients): ${advice}`,
  };
}
