import type { ClientFacts } from "../collect/types";
import {
  BOOT_SCRIPT_ADVICE,
  OVERRIDE_PATH,
  TOKEN_BOOT_SCRIPT,
  imdsSummary,
  listNames,
  plural,
  type FindingText,
} from "./texts-common";

function sizeText(facts: ClientFacts): string {
  return facts.override.size === null ? "size unknown" : plural(facts.override.size, "byte");
}

function emptyCause(facts: ClientFacts): string {
  if (facts.imds.tokenlessStatus === 401) {
    return " IMDSv2 is required here (a tokenless GET answered HTTP 401): a boot script that curls without a token writes exactly this empty file.";
  }
  return "";
}

export function overrideEmptyText(facts: ClientFacts, raw: string): FindingText {
  return {
    title: `${OVERRIDE_PATH} is empty`,
    detail:
      `The override file exists (${sizeText(facts)}: "${raw}") but holds only whitespace. outer uses the file whenever it exists, ` +
      `so it advertises no address and SSH reruns fail with "failed to lookup ip".${emptyCause(facts)} ${imdsSummary(facts.imds)}.`,
    remediation: `${BOOT_SCRIPT_ADVICE} Or delete the file to fall back to the instance's metadata public IP.`,
  };
}

function invalidAdvice(reason: string): string {
  if (reason.startsWith("an HTML page")) return "A failed curl wrote its error page: use curl -sf so errors write nothing.";
  if (reason.includes("lines")) return "Write exactly one address, one line.";
  if (reason === "an IPv6 address") return "SSH reruns need an IPv4 address: read local-ipv4 or public-ipv4, not ipv6.";
  return "Write exactly one IPv4 address.";
}

export function overrideInvalidText(facts: ClientFacts, reason: string, preview: string): FindingText {
  return {
    title: `Invalid ${OVERRIDE_PATH}: ${reason}`,
    detail:
      `The override file (${sizeText(facts)}) holds "${preview}": ${reason}. outer uses the file whenever it exists ` +
      "and it is not one IPv4 address, so SSH reruns on this client get no usable address.",
    remediation: `${invalidAdvice(reason)} ${BOOT_SCRIPT_ADVICE}`,
  };
}

export function overrideStaleText(facts: ClientFacts, ip: string, metadataPublicIp: string | null): FindingText {
  const interfaces = facts.interfaces.length > 0 ? facts.interfaces.join(", ") : "none reported";
  return {
    title: `Override ${ip} is not this client's address`,
    detail:
      `${OVERRIDE_PATH} holds ${ip}, but the instance's metadata public IP is ${metadataPublicIp ?? "absent"} ` +
      `and its interfaces hold ${interfaces}. The file was copied from another client or left over after the instance ` +
      "was replaced, so users are sent to a machine that is not running their job.",
    remediation:
      "Reissue the override from this instance's own metadata at every boot (user data of the Nomad clients' launch " +
      `template, not a file baked into the AMI or copied between clients): \`${TOKEN_BOOT_SCRIPT}\`.`,
  };
}

export function overrideDuplicateText(
  ip: string,
  source: string,
  otherNames: readonly string[],
): FindingText {
  return {
    title: `${ip} is also advertised by ${listNames(otherNames, 3)}`,
    detail:
      `This client advertises ${ip} (from ${source === "override" ? OVERRIDE_PATH : "instance metadata"}) and so do ` +
      `${listNames(otherNames)}. Users told to SSH to ${ip} reach only one of these machines; reruns on the others fail ` +
      "or land on the wrong job.",
    remediation:
      "Each Nomad client must advertise its own address: generate the override at boot from the instance's own metadata " +
      `(\`${TOKEN_BOOT_SCRIPT}\`), never bake ${OVERRIDE_PATH} into the AMI or copy it between clients.`,
  };
}
