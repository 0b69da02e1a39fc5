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
/** Fingerprints are kept verbatim: base64 may look like a short name. */
export const FINGERPRINT = String.raw`SHA256:[A-Za-z0-9+/]+={0,2}`;

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
