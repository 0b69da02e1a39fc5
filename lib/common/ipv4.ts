const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** True for exactly one dotted-quad IPv4 address, octets 0-255 without leading zeros. */
export function isIpv4(text: string): boolean {
  const match = DOTTED_QUAD.exec(text);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= 255 && !(octet.length > 1 && octet.startsWith("0")));
}

/** The address as a 32-bit number, or null when it is not one IPv4 address. */
export function ipv4ToInt(ip: string): number | null {
  if (!isIpv4(ip)) return null;
  return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** A CIDR like 10.0.0.0/16, checked; null when malformed. */
export function parseCidr(cidr: string): { base: number; bits: number } | null {
  const [base = "", bitsText = "32"] = cidr.split("/");
  const net = ipv4ToInt(base);
  const bits = /^\d{1,2}$/.test(bitsText) ? Number(bitsText) : NaN;
  return net === null || !(bits >= 0 && bits <= 32) ? null : { base: net, bits };
}

export function inCidr(ip: string, cidr: string): boolean {
  const addr = ipv4ToInt(ip);
  const net = parseCidr(cidr);
  if (addr === null || net === null) return false;
  const size = 2 ** (32 - net.bits);
  return Math.floor(addr / size) === Math.floor(net.base / size);
}

const SPECIAL_USE: readonly (readonly [cidr: string, what: string])[] = [
  ["0.0.0.0/8", "unspecified (0.0.0.0/8)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved (240.0.0.0/4, broadcast included)"],
];

/** What a special-use address is ("loopback", ...), or null when a remote host could have it. */
export function specialUse(ip: string): string | null {
  return SPECIAL_USE.find(([cidr]) => inCidr(ip, cidr))?.[1] ?? null;
}
