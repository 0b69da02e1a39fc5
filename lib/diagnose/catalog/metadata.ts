import { IMDS_REQUEST_TIMEOUT_S } from "../../collect/script";
import type { ClientFacts } from "../../collect/types";
import { IMDSV2_MIN_SERVER_VERSION, type AddressAnalysis } from "../advertised-ip";
import { entry, type CatalogPart } from "./entry";
import { BOOT_SCRIPT_ADVICE, httpStatus, imdsSummary, instanceIdArg, OVERRIDE_PATH } from "./words";
import { BARE_METAL_ADVICE, cloudSummary, GCP_ADVICE, overrideAdvice } from "./platform-advice";

function coverage(analysis: AddressAnalysis): string {
  return analysis.override.kind === "valid"
    ? `A valid override (${analysis.override.ip}) covers this, so reruns can still get an address.`
    : "No valid override covers this.";
}

function overrideState(analysis: AddressAnalysis): string {
  switch (analysis.override.kind) {
    case "absent":
      return `${OVERRIDE_PATH} does not exist`;
    case "empty":
      return `${OVERRIDE_PATH} is empty`;
    case "invalid":
      return `${OVERRIDE_PATH} holds ${analysis.override.reason}`;
    case "valid":
      return `${OVERRIDE_PATH} holds ${analysis.override.ip}`;
  }
}

/** Why metadata gives outer no address, in the client's platform's terms. */
function undeterminedWhy(facts: ClientFacts, analysis: AddressAnalysis, serverVersion: string): string {
  switch (analysis.platform) {
    case "none":
      return "this host has no cloud metadata (169.254.169.254 refused or unroutable): the override is the agent's only source.";
    case "azure":
      return (
        `this is an Azure VM (${cloudSummary(facts, "azure")}). CircleCI's agent reads no Azure metadata, and Azure IMDS leaves ` +
        "publicIpAddress empty for Standard-SKU public IPs anyway: the override is the only source."
      );
    case "gcp":
      return (
        `GCP metadata gives no external IP (${cloudSummary(facts, "gcp")}). nomad-gcp's startup script writes the private IP ` +
        "into the override in exactly this case; here nothing did."
      );
    default:
      return `outer (CircleCI Server ${serverVersion}) gets no public IP from metadata (${imdsSummary(facts.imds)}).`;
  }
}

type Seen = { facts: ClientFacts; analysis: AddressAnalysis };
type SeenOnServer = Seen & { serverVersion: string };

const TOKEN_REQUIRED_TITLE = "IMDSv2 required: tokenless metadata requests get 401";

export const METADATA_ENTRIES = {
  METADATA_UNREACHABLE: entry({
    check: "instance metadata (169.254.169.254) answers on the client; which platform answers (AWS, GCP, Azure, none) sets the advice",
    severities: ["error", "warning", "info"],
    arrows: ["metadata"],
    cause: "instance metadata does not answer",
    arrowCause: "metadata does not answer",
    text: ({ facts, analysis }: Seen) => {
      if (analysis.platform === "none") {
        return {
          title: "No cloud metadata: nothing listens at 169.254.169.254",
          detail:
            `From this client, every metadata request was refused or had no route (${imdsSummary(facts.imds)}): this host has ` +
            "no cloud metadata (bare metal, air-gapped, or a cloud without it), or a firewall rejects it. CircleCI's agent " +
            `then has only ${OVERRIDE_PATH}. ${coverage(analysis)}`,
          remediation:
            analysis.override.kind === "valid"
              ? `Nothing to change while ${OVERRIDE_PATH} is written on every client. If this is a cloud instance, a host ` +
                "firewall rejects 169.254.169.254:80."
              : BARE_METAL_ADVICE,
        };
      }
      return {
        title: "Instance metadata (169.254.169.254) does not answer",
        detail:
          `From this client, every metadata request got no answer within its ${IMDS_REQUEST_TIMEOUT_S} s budget ` +
          `(${imdsSummary(facts.imds)}): metadata is blocked, or answers too slowly. outer reads the instance's public IP there. ` +
          `${coverage(analysis)}`,
        remediation:
          "Allow the instance metadata endpoint from the Nomad client: remove host firewall rules (iptables) that drop " +
          "169.254.169.254:80, and check the instance's metadata options " +
          `(\`aws ec2 modify-instance-metadata-options --instance-id ${instanceIdArg(facts.imds)} --http-endpoint enabled\`). ` +
          `Or, if blocking metadata is intended: ${BOOT_SCRIPT_ADVICE} If this host is not an AWS instance: ${BARE_METAL_ADVICE}`,
      };
    },
  }),
  METADATA_TOKEN_REQUIRED: entry({
    check: "whether metadata needs IMDSv2 tokens (a tokenless GET answers 401), and whether this Server version's outer can send one",
    severities: ["warning", "error"],
    arrows: ["metadata"],
    cause: "IMDSv2 tokens are required",
    arrowCause: "IMDSv2 tokens are required",
    text: ({ facts, analysis, serverVersion }: SeenOnServer) => {
      const observed = `A GET of public-ipv4 without a token answered HTTP 401 (token PUT: ${httpStatus(facts.imds.tokenStatus)}).`;
      if (!analysis.serverBelowImdsV2) {
        return {
          title: TOKEN_REQUIRED_TITLE,
          detail:
            `${observed} CircleCI Server ${serverVersion} supports IMDSv2, but boot scripts that curl without a token get 401 and ` +
            `write an empty override.`,
          remediation: `Make sure every boot script that writes the override uses a token. ${BOOT_SCRIPT_ADVICE}`,
        };
      }
      return {
        title: TOKEN_REQUIRED_TITLE,
        detail:
          `${observed} CircleCI Server ${serverVersion} predates IMDSv2 support in outer (${IMDSV2_MIN_SERVER_VERSION}), ` +
          `so outer cannot read the public IP. ${coverage(analysis)}`,
        remediation:
          `Upgrade CircleCI Server to ${IMDSV2_MIN_SERVER_VERSION} or newer, or set the metadata option HttpTokens=optional on the ` +
          `Nomad clients' launch template (\`aws ec2 modify-instance-metadata-options --instance-id ${instanceIdArg(facts.imds)} ` +
          `--http-tokens optional\`). ` +
          `Or: ${BOOT_SCRIPT_ADVICE}`,
      };
    },
  }),
  NO_PUBLIC_IP: entry({
    check: "the instance has a public IPv4 in metadata (AWS public-ipv4 or GCP external-ip; 404 means none)",
    severities: ["error", "info"],
    arrows: ["metadata"],
    cause: "the instance has no public IP",
    arrowCause: "the instance has no public IP",
    text: ({ facts, analysis }: Seen) => {
      const override = analysis.override;
      const gcp = analysis.platform === "gcp";
      const cause = gcp
        ? `GCP metadata has no external IP for this instance (${cloudSummary(facts, "gcp")}): nomad-gcp's assign_public_ip = false, ` +
          "or an instance template without an access config."
        : "IMDS answered HTTP 404 for latest/meta-data/public-ipv4: the client is in a private subnet or was launched without a " +
          "public IP (nomad-aws 4.8.0 and later default to client_public_ip = false).";
      if (override.kind === "valid") {
        return {
          title: "The instance has no public IPv4 address",
          detail: `${cause} outer uses the override ${override.ip} instead.`,
          remediation: "Nothing to change while the override is written at every boot.",
        };
      }
      return {
        title: "The instance has no public IPv4 address",
        detail: `${cause} With no valid override, outer has no address.`,
        remediation: gcp
          ? GCP_ADVICE
          : `If users reach the Nomad clients over a VPN or peering: ${BOOT_SCRIPT_ADVICE} Otherwise give the Nomad clients ` +
            "public IPs (client_public_ip = true in the nomad-aws module, with a public subnet).",
      };
    },
  }),
  ADVERTISED_IP_UNDETERMINED: entry({
    check:
      "outer has an address to advertise: a valid override, or a metadata public IP it can read (AWS, GCP; on Azure and " +
      "bare metal only the override)",
    severities: ["error"],
    arrows: ["advertise"],
    cause: "outer has no address to give users",
    arrowCause: "outer has no address",
    text: ({ facts, analysis, serverVersion }: SeenOnServer) => ({
      title: "outer has no address to advertise for SSH reruns",
      detail:
        `${overrideState(analysis)}, and ${undeterminedWhy(facts, analysis, serverVersion)} ` +
        'Reruns with SSH fail on this client with "failed to lookup ip".',
      remediation: overrideAdvice(analysis.platform),
    }),
  }),
} satisfies CatalogPart;
