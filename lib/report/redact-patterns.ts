/** Addresses that name no fleet: same on every instance, and quoted in remediations. */
export const WELL_KNOWN_IPS: ReadonlySet<string> = new Set(["169.254.169.254", "127.0.0.1", "0.0.0.0", "::", "::1"]);

/** Quoted remote bytes render as \xNN, \n, \t, \r: what follows such an escape starts a token. */
const AFTER_ESCAPE = String.raw`\\x[0-9A-Fa-f]{2}|\\[ntr]`;
export const NAME_BEFORE = String.raw`(?<=^|[^A-Za-z0-9_-]|${AFTER_ESCAPE})`;
export const NAME_AFTER = String.raw`(?![A-Za-z0-9_-])`;

/** A dotted quad; CIDRs keep their "/nn" after the alias. */
export const IPV4 = String.raw`(?<=^|\D|${AFTER_ESCAPE})(?:\d{1,3}\.){3}\d{1,3}(?!\d)`;
/** A dashed quad, as in EC2 host names (ip-10-0-1-12): the same address spelled differently. */
export const DASHED_IPV4 = String.raw`(?<=^|\D|${AFTER_ESCAPE})(?:ip-)?(?:\d{1,3}-){3}\d{1,3}(?!\d|-\d)`;
export const IPV6 = String.raw`(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:]|\.\d)`;
/** An SSH host key fingerprint: search engines index them, so they identify an internet-facing host. */
export const FINGERPRINT = String.raw`SHA256:[A-Za-z0-9+/]+={0,2}`;
/** The host of a URL (`https://nomad.ops:4646/v1`), whatever its domain. */
export const URL_HOST = String.raw`(?<=\b[A-Za-z][A-Za-z0-9+.-]*://)[^\s/:@"'<>\\]+`;
/** `user@host`: both sides name the fleet. */
export const USER_AT_HOST = String.raw`(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*`;
/** The user in `user "alice"`, `~alice/` and `/home/alice/`, as SSH errors and our remediations write it. */
const QUOTED_USER = String.raw`(?<=\buser ")[^"\s]+(?=")`;
const TILDE_USER = String.raw`(?<=(?:^|[\s"'\x60(=:])~)[A-Za-z_][A-Za-z0-9._-]*`;
const HOME_USER = String.raw`(?<=/(?:home|Users)/)[^/\s"'\x60]+`;
export const USER_NAME = `${QUOTED_USER}|${TILDE_USER}|${HOME_USER}`;
/** Nomad node IDs (and any other UUID). */
const HEX = "[0-9A-Fa-f]";
export const UUID = `(?<![0-9A-Fa-f-])${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}(?![0-9A-Fa-f-])`;
export const INSTANCE_ID = String.raw`(?<![\w-])i-[0-9a-f]{8,17}(?![\w-])`;
/** AWS regions and availability zones (us-east-1, eu-west-2b): they tell where the fleet runs. */
export const ZONE = String.raw`(?<![\w-])(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-|iso-)?[a-z]+-\d{1,3}[a-z]?(?![\w-])`;
const TLDS = [
  ...["com", "net", "org", "io", "dev", "cloud", "app", "co", "biz", "info", "edu", "gov", "mil", "int"],
  ...["internal", "local", "localdomain", "lan", "corp", "home", "intranet", "private", "example", "test"],
  ...["uk", "de", "fr", "nl", "eu", "us", "ca", "au", "jp", "in", "cn", "ru", "br", "ch", "se", "no", "fi", "dk", "pl", "es", "it"],
  ...["ie", "be", "at", "nz", "sg", "kr"],
].join("|");
/** Any dotted name ending in a common or private top-level domain, such as a host quoted in a banner. */
export const DOTTED_HOST = String.raw`(?<=^|[^\w.-]|${AFTER_ESCAPE})(?:[A-Za-z0-9-]+\.)+(?:${TLDS})(?![\w-]|\.[A-Za-z0-9])`;
/** Public names our remediations cite on purpose. */
export const PUBLIC_HOSTS = /(?:^|\.)(?:circleci\.com|github\.com|nomadproject\.io|hashicorp\.com)$|^localhost$/i;

export function isIpv4Octets(text: string, separator: "." | "-"): boolean {
  const parts = text.split(separator);
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

export function isIpv4(text: string): boolean {
  return /^(?:\d{1,3}\.){3}\d{1,3}$/.test(text) && isIpv4Octets(text, ".");
}

export function isIpv6(text: string): boolean {
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

/** The canonical key of an IPv6 address, so one address spelled two ways gets one alias. */
export function ipv6Key(text: string): string {
  const [head = "", tail] = text.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, "")).join(":");
}

const PRIVATE_TLDS = new Set(["internal", "local", "lan", "corp", "home", "intranet", "private"]);

/**
 * The DNS domains of the fleet's host names ("nomad-4.fleet.internal" → "fleet.internal"), so other
 * names in them (a proxy quoted in an error page) are caught too; a bare public TLD is not a domain.
 */
export function fleetDomains(names: Iterable<string>): string[] {
  const domains = new Set<string>();
  for (const name of names) {
    const dot = name.indexOf(".");
    const domain = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(domain) || !/[a-z]/.test(domain)) continue;
    if (domain.includes(".") || PRIVATE_TLDS.has(domain)) domains.add(domain);
  }
  return [...domains];
}

/** Bytes of a base64 string as a latin1 string (one char per byte), and back. */
export function base64ToBinary(base64: string): string {
  return atob(base64);
}

export function binaryToBase64(binary: string): string {
  return btoa(binary);
}

export function utf8ToBinary(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join("");
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
