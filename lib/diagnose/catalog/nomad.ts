import { escapeText } from "../../common/escape";
import type { NomadFingerprint } from "../../inventory/types";
import { entry, type CatalogPart } from "./entry";

export interface FingerprintDifference {
  readonly what: string;
  readonly nomad: string;
  readonly now: string;
}

export const NOMAD_ENTRIES = {
  NOMAD_FINGERPRINT_MISMATCH: entry({
    check: "what Nomad fingerprinted (public and private IP, instance ID) matches what metadata says now",
    severities: ["warning"],
    arrows: [],
    cause: "Nomad's fingerprint of the instance is out of date",
    arrowCause: "Nomad's fingerprint is out of date",
    text: ({ nomad, diffs }: { nomad: NomadFingerprint; diffs: readonly FingerprintDifference[] }) => {
      const list = diffs
        .map((d) => `${d.what}: Nomad has "${escapeText(d.nomad, 64)}", metadata says "${escapeText(d.now, 64)}"`)
        .join("; ");
      return {
        title: `Nomad's fingerprint of ${diffs.map((d) => d.what).join(", ")} is out of date`,
        detail:
          `Nomad node ${escapeText(nomad.name, 64)} (${escapeText(nomad.id, 40)}) was fingerprinted with different values than the ` +
          `instance ` +
          `reports now: ${list}. The instance changed since its Nomad agent started (replaced, stopped and started, or its address was ` +
          `reassigned), ` +
          "so anything that trusts Nomad's attributes sees the old instance.",
        remediation:
          "Restart the Nomad agent on this client so it fingerprints again (or drain and replace the node), and check that " +
          "/etc/circleci/public-ipv4 was written for this instance, not copied from the one Nomad remembers.",
      };
    },
  }),
} satisfies CatalogPart;
