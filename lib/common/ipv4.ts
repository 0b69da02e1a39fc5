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

/** Special-use IPv4 ranges (RFC 6890 and friends): no address in them is someone's public host. */
export const NOT_GLOBAL: readonly { readonly cidr: string; readonly what: string }[] = [
  { cidr: "0.0.0.0/8", what: '"this network"' },
  { cidr: "10.0.0.0/8", what: "private (RFC 1918)" },
  { cidr: "100.64.0.0/10", what: "carrier-grade NAT (RFC 6598)" },
  { cidr: "127.0.0.0/8", what: "loopback" },
  { cidr: "169.254.0.0/16", what: "link-local" },
  { cidr: "172.16.0.0/12", what: "private (RFC 1918)" },
  { cidr: "192.0.0.0/24", what: "IETF protocol assignments" },
  { cidr: "192.0.2.0/24", what: "documentation (TEST-NET-1)" },
  { cidr: "192.168.0.0/16", what: "private (RFC 1918)" },
  { cidr: "198.18.0.0/15", what: "benchmarking" },
  { cidr: "198.51.100.0/24", what: "documentation (TEST-NET-2)" },
  { cidr: "203.0.113.0/24", what: "documentation (TEST-NET-3)" },
  { cidr: "224.0.0.0/4", what: "multicast" },
  { cidr: "240.0.0.0/4", what: "reserved" },
];

/** What kind of special-use address `ip` is, or null when it is globally routable. */
export function specialUse(ip: string): string | null {
  return NOT_GLOBAL.find((r) => inCidr(ip, r.cidr))?.what ?? null;
}

const NEVER_A_HOST: readonly (readonly [cidr: string, what: string])[] = [
  ["0.0.0.0/8", "unspecified (0.0.0.0/8)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved (240.0.0.0/4, broadcast included)"],
];

/** What an address no remote host can have is ("loopback", ...), or null when a remote host could have it. */
export function neverAHost(ip: string): string | null {
  return NEVER_A_HOST.find(([cidr]) => inCidr(ip, cidr))?.[1] ?? null;
}
