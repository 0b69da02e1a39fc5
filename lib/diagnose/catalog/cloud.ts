import type { ClientFacts } from "../../collect/types";
import type { AddressAnalysis } from "../advertised-ip";
import { PLATFORM_NAMES } from "../platform";
import { entry, type CatalogPart } from "./entry";
import { overrideAdvice } from "./platform-advice";
import { OVERRIDE_PATH } from "./words";

type Seen = { facts: ClientFacts; analysis: AddressAnalysis };

/** Where each platform makes its clients reachable from outside (research §2.4, F5). */
function publicAddressFix(analysis: AddressAnalysis): string {
  switch (analysis.platform) {
    case "aws":
      return (
        "put the Nomad clients in a public subnet with client_public_ip = true (nomad-aws; false by default since 4.8.0) and " +
        "scope allowed_ips_retry_ssh to your users' CIDRs"
      );
    case "gcp":
      return "set assign_public_ip = true in nomad-gcp (its default) and scope retry_with_ssh_allowed_cidr_blocks to your users' CIDRs";
    default:
      return `write the public address users reach (a 1:1 NAT that forwards the rerun ports counts) into ${OVERRIDE_PATH}`;
  }
}

export const CLOUD_ENTRIES = {
  OVERRIDE_OLDER_THAN_BOOT: entry({
    check: "the override was written at this boot (its mtime is after the client's boot time), so it follows address changes",
    severities: ["warning", "info"],
    arrows: [],
    cause: "the override predates the client's boot: no boot script writes it",
    arrowCause: "the override predates the boot",
    text: ({ facts, analysis, ip }: Seen & { ip: string }) => {
      const statics = analysis.platform === "none";
      return {
        title: `${OVERRIDE_PATH} was written before this boot`,
        detail:
          `${OVERRIDE_PATH} holds ${ip}, an address of this client today, but it was last written at ${facts.override.mtime}, ` +
          `before the client booted (${facts.bootTime}): no boot script rewrites it. ` +
          (statics
            ? "On a host without cloud metadata (static addresses) that is normal, as long as the address never changes."
            : `On ${PLATFORM_NAMES[analysis.platform]} a public IP changes when the instance is stopped and started or replaced, ` +
              "and then this file goes stale silently (nomad-aws 4.9.0 and later rewrite it at every boot)."),
        remediation: statics
          ? `Nothing to change while this host keeps ${ip}. When it changes, rewrite ${OVERRIDE_PATH}.`
          : `Write the override at every boot, not once: ${overrideAdvice(analysis.platform)}`,
      };
    },
  }),
  ADVERTISED_IP_PRIVATE: entry({
    check: "an advertised private (RFC 1918) or CGNAT address is flagged: users reach it only from inside the network",
    severities: ["info"],
    arrows: [],
    cause: "the advertised IP is private: users need a VPN, peering or a bastion",
    arrowCause: "the advertised IP is private",
    text: ({ analysis, ip, kind, port }: Seen & { ip: string; kind: string; port: number }) => ({
      title: `Reruns advertise ${ip}, a ${kind} address`,
      detail:
        `outer advertises ${ip} (from ${analysis.advertised.source === "override" ? OVERRIDE_PATH : "metadata"}), a ${kind} ` +
        `address. That is right only if every user who reruns with SSH reaches the clients' network: over a VPN, VPC peering ` +
        `or a bastion. From anywhere else \`ssh -p ${port} ${ip}\` times out.`,
      remediation:
        `If users are inside the network, nothing to change; from a bastion they connect with \`ssh -J BASTION -p ${port} ${ip}\`. ` +
        `Otherwise ${publicAddressFix(analysis)}.`,
    }),
  }),
} satisfies CatalogPart;
