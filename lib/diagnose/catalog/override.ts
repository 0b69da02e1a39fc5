import type { ClientFacts } from "../../collect/types";
import type { AddressAnalysis } from "../advertised-ip";
import { cloudSummary, overrideAdvice } from "./platform-advice";
import { isTokenRequiredSignature, TERRAFORM_EMPTY_FIX, terraformEmptyCause } from "./terraform";
import { staleText } from "./stale";
import type { AdvertisedIpSource } from "../types";
import { entry, type CatalogPart } from "./entry";
import { BOOT_SCRIPT_ADVICE, imdsSummary, listNames, OVERRIDE_PATH, plural, TOKEN_BOOT_SCRIPT } from "./words";

const sizeText = (facts: ClientFacts): string => (facts.override.size === null ? "size unknown" : plural(facts.override.size, "byte"));

type EmptySeen = { facts: ClientFacts; raw: string; analysis: AddressAnalysis; terraformModule?: string };

function emptyCause({ facts, analysis, terraformModule }: EmptySeen): string {
  if (isTokenRequiredSignature(facts, analysis)) return terraformEmptyCause(terraformModule);
  if (analysis.platform === "gcp") {
    return (
      " nomad-gcp's startup script writes `hostname --ip-address` here when the instance has no external IP; it printed " +
      `nothing. ${cloudSummary(facts, "gcp")}.`
    );
  }
  if (analysis.platform === "none" || analysis.platform === "azure") {
    return " No metadata the agent reads can stand in for it: the override is its only source on this host.";
  }
  if (facts.imds.tokenlessStatus === 401) {
    return (
      " IMDSv2 is required here (a tokenless GET answered HTTP 401): a boot script that curls without a token writes exactly this " +
      "empty file."
    );
  }
  return "";
}

function invalidAdvice(reason: string): string {
  if (reason.startsWith("an HTML page")) return "A failed curl wrote its error page: use curl -sf so errors write nothing.";
  if (reason.includes("lines")) return "Write exactly one address, one line.";
  if (reason === "an IPv6 address") return "SSH reruns need an IPv4 address: read local-ipv4 or public-ipv4, not ipv6.";
  return "Write exactly one IPv4 address.";
}

export const OVERRIDE_ENTRIES = {
  OVERRIDE_EMPTY: entry({
    check:
      `${OVERRIDE_PATH}, when it exists, is not empty; when IMDSv2 is required (tokenless 401, token 200), names the ` +
      'server-terraform tags whose tokenless boot script writes it empty ("failed to lookup ip")',
    severities: ["error"],
    arrows: ["advertise"],
    cause: `${OVERRIDE_PATH} is empty`,
    arrowCause: "the override file is empty",
    text: (seen: EmptySeen) => ({
      title: `${OVERRIDE_PATH} is empty`,
      detail:
        `The override file exists (${sizeText(seen.facts)}: "${seen.raw}") but holds only whitespace. outer uses the file whenever ` +
        `it exists, so it advertises no address and SSH reruns fail with "failed to lookup ip".${emptyCause(seen)} ` +
        `${imdsSummary(seen.facts.imds)}.`,
      remediation: isTokenRequiredSignature(seen.facts, seen.analysis)
        ? TERRAFORM_EMPTY_FIX
        : seen.analysis.platform === "aws" || seen.analysis.platform === "unknown"
          ? `${BOOT_SCRIPT_ADVICE} Or delete the file to fall back to the instance's metadata public IP.`
          : overrideAdvice(seen.analysis.platform),
    }),
  }),
  OVERRIDE_INVALID: entry({
    check: "the override holds exactly one IPv4 address (not an error page, two lines, an IPv6 or binary bytes)",
    severities: ["error"],
    arrows: ["advertise"],
    cause: `${OVERRIDE_PATH} holds something other than an IPv4`,
    arrowCause: "the override file is not one IPv4",
    text: ({ facts, reason, preview }: { facts: ClientFacts; reason: string; preview: string }) => ({
      title: `Invalid ${OVERRIDE_PATH}: ${reason}`,
      detail:
        `The override file (${sizeText(facts)}) holds "${preview}": ${reason}. outer uses the file whenever it exists ` +
        "and it is not one IPv4 address, so SSH reruns on this client get no usable address.",
      remediation: `${invalidAdvice(reason)} ${BOOT_SCRIPT_ADVICE}`,
    }),
  }),
  OVERRIDE_DUPLICATE: entry({
    check: "no two clients advertise the same address",
    severities: ["error"],
    arrows: ["advertise"],
    cause: "several clients advertise the same IP",
    arrowCause: "several clients advertise one IP",
    text: ({ ip, source, otherNames }: { ip: string; source: AdvertisedIpSource; otherNames: readonly string[] }) => ({
      title: `${ip} is also advertised by ${listNames(otherNames, 3)}`,
      detail:
        `This client advertises ${ip} (from ${source === "override" ? OVERRIDE_PATH : "instance metadata"}) and so do ` +
        `${listNames(otherNames)}. Users told to SSH to ${ip} reach only one of these machines; reruns on the others fail ` +
        "or land on the wrong job.",
      remediation:
        "Each Nomad client must advertise its own address: generate the override at boot from the instance's own metadata " +
        `(\`${TOKEN_BOOT_SCRIPT}\`), never bake ${OVERRIDE_PATH} into the AMI or copy it between clients.`,
    }),
  }),
  OVERRIDE_STALE: entry({
    check:
      "the override names an address of this client (its metadata public IP or an interface); one it does not own may be a NAT gateway's",
    severities: ["error"],
    arrows: ["advertise"],
    cause: "the override names an IP the client does not have",
    arrowCause: "the override names an IP the client does not have",
    text: staleText,
  }),
} satisfies CatalogPart;
