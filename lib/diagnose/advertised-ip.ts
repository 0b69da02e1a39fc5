import type { ClientFacts, ImdsFacts } from "../collect/types";
import { isIpv4 } from "../common/ipv4";
import { readOverride, type OverrideParse } from "./override";
import { detectPlatform, OUTER_READS_METADATA, platformPrivateIp, platformPublicIp, type Platform } from "./platform";
import type { AdvertisedIpSource } from "./types";

/** First CircleCI Server release whose `outer` fetches an IMDSv2 token. */
export const IMDSV2_MIN_SERVER_VERSION = "4.6";

export interface AdvertisedIp {
  readonly ip: string | null;
  readonly source: AdvertisedIpSource;
}

/** Everything about where `outer` gets its address, computed once per client. */
export interface AddressAnalysis {
  readonly platform: Platform;
  readonly override: OverrideParse;
  /** The instance's public IP as its platform's metadata reports it, whether or not `outer` can read it. */
  readonly metadataPublicIp: string | null;
  readonly metadataPrivateIp: string | null;
  /** The public IP `outer` itself can read, given the Server version. */
  readonly outerMetadataIp: string | null;
  readonly imdsV2Required: boolean;
  readonly serverBelowImdsV2: boolean;
  readonly advertised: AdvertisedIp;
}

function parseVersion(version: string): [number, number] | null {
  const match = /^\s*v?(\d+)(?:\.(\d+))?/.exec(version);
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : null;
}

/** Numeric major.minor comparison; an unparseable version counts as the newest release. */
export function isServerVersionBelow(version: string, floor: string): boolean {
  const actual = parseVersion(version);
  const minimum = parseVersion(floor);
  if (actual === null || minimum === null) return false;
  return actual[0] < minimum[0] || (actual[0] === minimum[0] && actual[1] < minimum[1]);
}

export function metadataPublicIp(imds: ImdsFacts): string | null {
  const value = imds.publicIpv4.value?.trim() ?? "";
  return imds.publicIpv4.status === 200 && isIpv4(value) ? value : null;
}

export function analyzeAddress(facts: ClientFacts, serverVersion: string): AddressAnalysis {
  const override = readOverride(facts.override);
  const platform = detectPlatform(facts);
  const publicIp = platformPublicIp(facts, platform);
  const imdsV2Required = facts.imds.tokenlessStatus === 401;
  const serverBelowImdsV2 = isServerVersionBelow(serverVersion, IMDSV2_MIN_SERVER_VERSION);
  const outerMetadataIp = !OUTER_READS_METADATA[platform] || (imdsV2Required && serverBelowImdsV2) ? null : publicIp;
  const advertised: AdvertisedIp =
    override.kind === "valid"
      ? { ip: override.ip, source: "override" }
      : override.kind !== "absent"
        ? { ip: null, source: "override" }
        : outerMetadataIp !== null
          ? { ip: outerMetadataIp, source: "metadata" }
          : { ip: null, source: "none" };
  const metadataPrivateIp = platformPrivateIp(facts, platform);
  return {
    platform,
    override,
    metadataPublicIp: publicIp,
    metadataPrivateIp,
    outerMetadataIp,
    imdsV2Required,
    serverBelowImdsV2,
    advertised,
  };
}

/** The address `outer` reports for SSH reruns: the override file when it exists, else IMDS. */
export function deriveAdvertisedIp(facts: ClientFacts, serverVersion: string): AdvertisedIp {
  return analyzeAddress(facts, serverVersion).advertised;
}
