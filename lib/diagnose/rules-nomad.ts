import type { ClientFacts } from "../collect/types";
import type { NomadFingerprint } from "../inventory/types";
import { escapeText } from "../common/escape";
import type { Finding } from "./types";
import { makeFinding } from "./verdict";

interface Difference {
  readonly what: string;
  readonly nomad: string | null;
  readonly now: string | null;
}

function differences(nomad: NomadFingerprint, facts: ClientFacts): Difference[] {
  const now = (item: { status: number | null; value: string | null }) => (item.status === 200 ? item.value : null);
  const pairs: Difference[] = [
    { what: "public IPv4", nomad: nomad.publicIpv4, now: now(facts.imds.publicIpv4) },
    { what: "private IPv4", nomad: nomad.localIpv4, now: now(facts.imds.localIpv4) },
    { what: "instance ID", nomad: nomad.instanceId, now: now(facts.imds.instanceId) },
  ];
  // Metadata that did not answer proves nothing; only two known values that differ count.
  return pairs.filter((d) => d.nomad !== null && d.now !== null && d.nomad !== d.now);
}

/** What Nomad fingerprinted at agent start against what the client's metadata says now. */
export function nomadFindings(nomad: NomadFingerprint | undefined, facts: ClientFacts): Finding[] {
  if (!nomad) return [];
  const diffs = differences(nomad, facts);
  if (diffs.length === 0) return [];
  const list = diffs.map((d) => `${d.what}: Nomad has "${escapeText(d.nomad!, 64)}", metadata says "${escapeText(d.now!, 64)}"`).join("; ");
  return [
    makeFinding("NOMAD_FINGERPRINT_MISMATCH", "warning", {
      title: `Nomad's fingerprint of ${diffs.map((d) => d.what).join(", ")} is out of date`,
      detail: `Nomad node ${escapeText(nomad.name, 64)} (${escapeText(nomad.id, 40)}) was fingerprinted with different values than the instance reports now: ${list}. The instance changed since its Nomad agent started (replaced, stopped and started, or its address was reassigned), so anything that trusts Nomad's attributes sees the old instance.`,
      remediation:
        "Restart the Nomad agent on this client so it fingerprints again (or drain and replace the node), and check that /etc/circleci/public-ipv4 was written for this instance, not copied from the one Nomad remembers.",
    }),
  ];
}
