import type { ClientFacts } from "../collect/types";
import { isIpv4 } from "../common/ipv4";

/**
 * Where a client runs, as its metadata answers show: AWS IMDS, GCP's metadata server, Azure IMDS,
 * "none" (nothing listens at 169.254.169.254: bare metal, air-gapped, another cloud) or "unknown"
 * (silence, or answers in no known cloud's way).
 */
export const PLATFORMS = ["aws", "gcp", "azure", "none", "unknown"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
  aws: "AWS",
  gcp: "GCP",
  azure: "Azure",
  none: "a host without cloud metadata (bare metal, air-gapped or another cloud)",
  unknown: "an unknown platform",
};

export function detectPlatform(facts: ClientFacts): Platform {
  const { imds, cloud } = facts;
  // A token, or a tokenless 200/401 on public-ipv4, is AWS's IMDS (v1, or v2 required).
  if (imds.tokenStatus === 200 || imds.tokenlessStatus === 200 || imds.tokenlessStatus === 401) return "aws";
  // Only GCP's metadata server sends Metadata-Flavor: Google (research §0.3, §4).
  if (cloud?.gcp?.flavor && (cloud.gcp.externalIpStatus !== null || cloud.gcp.internalIpStatus !== null)) return "gcp";
  if (cloud?.azure?.status === 200 && (cloud.azure.privateIp !== null || cloud.azure.publicIp !== null)) return "azure";
  if (cloud?.noAnswer === "refused") return "none";
  return "unknown";
}

/** What this platform's metadata says the instance's public IP is; null when none or unknown. */
export function platformPublicIp(facts: ClientFacts, platform: Platform): string | null {
  switch (platform) {
    case "gcp":
      return facts.cloud?.gcp?.externalIp ?? null;
    case "azure":
      return facts.cloud?.azure?.publicIp ?? null;
    case "none":
      return null;
    default: {
      const value = facts.imds.publicIpv4.value?.trim() ?? "";
      return facts.imds.publicIpv4.status === 200 && isIpv4(value) ? value : null;
    }
  }
}

/** What this platform's metadata says the instance's private IP is. */
export function platformPrivateIp(facts: ClientFacts, platform: Platform): string | null {
  if (platform === "gcp") return facts.cloud?.gcp?.internalIp ?? null;
  if (platform === "azure") return facts.cloud?.azure?.privateIp ?? null;
  const value = facts.imds.localIpv4.value?.trim() ?? "";
  return platform !== "none" && facts.imds.localIpv4.status === 200 && isIpv4(value) ? value : null;
}

/** GCP says the instance has no external IP: 404, or an answer that is no address (the boot script's test). */
export function gcpHasNoExternalIp(facts: ClientFacts): boolean {
  const gcp = facts.cloud?.gcp;
  return !!gcp && (gcp.externalIpStatus === 404 || (gcp.externalIpStatus === 200 && gcp.externalIp === null));
}

/**
 * Whether outer itself reads this platform's metadata when no override exists. AWS: documented
 * (research §1.1). GCP: undocumented, inferred because nomad-gcp writes the override only without
 * an external IP (§0.3, §1.2). Azure, bare metal: nothing says so; the override is the only source (§1.2, F4).
 */
export const OUTER_READS_METADATA: Readonly<Record<Platform, boolean>> = {
  aws: true,
  gcp: true,
  azure: false,
  none: false,
  unknown: true,
};
