import type { ClientFacts, ImdsItem } from "../collect/types";
import { detectPlatform, platformPrivateIp, platformPublicIp } from "./platform";
import type { NomadFingerprint } from "../inventory/types";
import { finding } from "./catalog";
import type { FingerprintDifference } from "./catalog/nomad";
import type { Finding } from "./types";

const now = (item: ImdsItem): string | null => (item.status === 200 ? item.value : null);

function differences(nomad: NomadFingerprint, facts: ClientFacts): FingerprintDifference[] {
  // On GCP, Nomad's GCE attributes meet GCP's metadata (the script reads no GCP instance ID).
  const platform = detectPlatform(facts);
  const gcp = platform === "gcp";
  const pairs = [
    { what: "public IPv4", nomad: nomad.publicIpv4, now: gcp ? platformPublicIp(facts, platform) : now(facts.imds.publicIpv4) },
    { what: "private IPv4", nomad: nomad.localIpv4, now: gcp ? platformPrivateIp(facts, platform) : now(facts.imds.localIpv4) },
    { what: "instance ID", nomad: nomad.instanceId, now: gcp ? null : now(facts.imds.instanceId) },
  ];
  // Metadata that did not answer proves nothing; only two known values that differ count.
  return pairs.flatMap((d) =>
    d.nomad !== null && d.now !== null && d.nomad !== d.now ? [{ what: d.what, nomad: d.nomad, now: d.now }] : [],
  );
}

/** What Nomad fingerprinted at agent start against what the client's metadata says now. */
export function nomadFindings(nomad: NomadFingerprint | undefined, facts: ClientFacts): Finding[] {
  if (!nomad) return [];
  const diffs = differences(nomad, facts);
  return diffs.length === 0 ? [] : [finding("NOMAD_FINGERPRINT_MISMATCH", "warning", { nomad, diffs })];
}
