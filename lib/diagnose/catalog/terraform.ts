import type { ClientFacts } from "../../collect/types";
import type { AddressAnalysis } from "../advertised-ip";
import { TOKEN_BOOT_SCRIPT } from "./words";

/**
 * server-terraform's nomad-aws tags and IMDSv2 (research §0.2, §1.2, F1): 4.4.0-4.6.0 hard-code
 * http_tokens = "required" with a tokenless boot script; 4.7.0-4.8.x make it enable_imdsv2 (default
 * optional); 4.9.0 (PR #238, and the server-4.8 branch with PR #290) fetch a token and always write.
 */
function moduleParts(version: string): [number, number] | null {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : null;
}

export function moduleVerdict(version: string): string {
  const parts = moduleParts(version);
  if (!parts) return `the inventory's server.terraformModule "${version}" is not a version.`;
  const [major, minor] = parts;
  const at = major * 100 + minor;
  if (at >= 404 && at <= 406) return `the inventory names nomad-aws ${version}, one of the tags that hard-code "required".`;
  if (at >= 407 && at <= 408) return `the inventory names nomad-aws ${version}: affected when enable_imdsv2 = "required".`;
  if (at >= 409) {
    return (
      `the inventory names nomad-aws ${version}, whose boot script fetches a token and always writes the file: something ` +
      "else (a custom AMI, user data or a manual edit) wrote this empty file."
    );
  }
  return (
    `the inventory names nomad-aws ${version}, which sets no http_tokens: an account or AMI default (imdsSupport v2.0) requires ` +
    "tokens here, under the same tokenless boot script."
  );
}

/** Tokenless 401 while the token PUT works: HttpTokens=required (research §2.2). */
export const isTokenRequiredSignature = (facts: ClientFacts, analysis: AddressAnalysis): boolean =>
  analysis.platform === "aws" && facts.imds.tokenlessStatus === 401 && facts.imds.tokenStatus === 200;

export function terraformEmptyCause(terraformModule: string | undefined): string {
  return (
    " This is the signature of HttpTokens=required under a boot script that reads metadata without a token: a GET of " +
    "public-ipv4 without a token answered HTTP 401 while the IMDSv2 token PUT answered HTTP 200, so the script's curl got " +
    'nothing and wrote an empty file. server-terraform\'s nomad-aws modules 4.4.0, 4.5.0 and 4.6.0 hard-code http_tokens = "required" ' +
    'with such a script, and 4.7.0 to 4.8.x do the same with enable_imdsv2 = "required" (server-terraform PR #290).' +
    (terraformModule ? ` Here ${moduleVerdict(terraformModule)}` : "")
  );
}

export const TERRAFORM_EMPTY_FIX =
  "Upgrade the nomad-aws module to 4.9.0 or later (or the server-4.8 branch with PR #290), whose boot script writes the " +
  'override with an IMDSv2 token, and roll the Nomad clients; or, on 4.7.0 to 4.8.x, set enable_imdsv2 = "optional" ' +
  '(4.4.0 to 4.6.0 hard-code "required": upgrade, or take the server-4.4/4.5/4.6 branches that made it a variable). ' +
  `Right now, on each running client: \`${TOKEN_BOOT_SCRIPT}\` (use meta-data/public-ipv4 instead of local-ipv4 when users ` +
  "connect over the Internet); outer reads the file for every new job.";
