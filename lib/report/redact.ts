import {
  base64ToBinary,
  binaryToBase64,
  DASHED_IPV4,
  escapeRegExp,
  FINGERPRINT,
  fleetDomains,
  IPV4,
  IPV6,
  ipv6Key,
  isIpv4,
  isIpv4Octets,
  isIpv6,
  NAME_AFTER,
  NAME_BEFORE,
  utf8ToBinary,
  WELL_KNOWN_IPS,
} from "./redact-patterns";
import { reportSchema, type Report } from "./schema";

/** Values that hold no fleet name or address; rewriting them could only corrupt them. */
const KEEP_KEYS = new Set([
  "schemaVersion",
  "runId",
  "startedAt",
  "finishedAt",
  "mtime",
  "hostKeyFingerprint",
  "code",
  "severity",
  "verdict",
  "advertisedIpSource",
  "state",
  "runtime",
  "httpTool",
]);

type Kind = "client" | "host" | "hostname" | "instance" | "domain" | "ip" | "ipv6" | "vantage" | "machine";

class Aliases {
  readonly names = new Map<string, string>();
  private readonly found = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  private next(kind: string): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    return `${kind}-${n}`;
  }

  /** A known name, aliased before any text is read so that numbering follows the report's order. */
  name(value: string | null | undefined, kind: Kind): void {
    if (!value || this.names.has(value) || isIpv4(value) || isIpv6(value)) return;
    this.names.set(value, this.next(kind));
  }

  /** A name met in some text: aliased on first sight. */
  other(value: string, kind: Kind): string {
    const key = `${kind}:${value.toLowerCase()}`;
    let alias = this.found.get(key);
    if (!alias) this.found.set(key, (alias = this.next(kind)));
    return alias;
  }

  /** The alias of an address, or null for what is no address or names no fleet. */
  ip(value: string): string | null {
    const v6 = !isIpv4(value);
    if (v6 && !isIpv6(value)) return null;
    const key = v6 ? ipv6Key(value) : value;
    if (WELL_KNOWN_IPS.has(value) || WELL_KNOWN_IPS.has(key)) return null;
    return this.other(key, v6 ? "ipv6" : "ip");
  }
}

/** One pass over the text, so an alias written in is never rewritten by a later name. */
function replacer(aliases: Aliases, names: ReadonlyMap<string, string>, domains: readonly string[]): (text: string) => string {
  const alt = (values: Iterable<string>) =>
    [...values]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join("|") || "(?!)";
  const nameRe = `${NAME_BEFORE}(?:${alt(names.keys())})${NAME_AFTER}`;
  const domainRe = `${NAME_BEFORE}(?:[A-Za-z0-9-]+\\.)*(?:${alt(domains)})${NAME_AFTER}`;
  const lower = new Map([...names].map(([name, alias]) => [name.toLowerCase(), alias]));
  const re = new RegExp(`(${FINGERPRINT})|(${nameRe})|(${domainRe})|(${IPV4})|(${IPV6})|(${DASHED_IPV4})`, "gi");
  return (text) =>
    text.replace(re, (match, fp?: string, name?: string, domain?: string, v4?: string, v6?: string, dashed?: string) => {
      if (fp !== undefined) return match;
      if (name !== undefined) return names.get(name) ?? lower.get(name.toLowerCase()) ?? aliases.other(name, "host");
      if (domain !== undefined) return aliases.other(domain, domains.includes(domain.toLowerCase()) ? "domain" : "host");
      if (v4 !== undefined || v6 !== undefined) return aliases.ip(match) ?? match;
      const quad = (dashed ?? "").replace(/^ip-/i, "");
      return isIpv4Octets(quad, "-") ? (aliases.ip(quad.replaceAll("-", ".")) ?? match) : match;
    });
}

function seed(report: Report): Aliases {
  const aliases = new Aliases();
  for (const c of report.clients) aliases.name(c.name, "client");
  for (const c of report.clients) [c.host, c.probedAddress].forEach((h) => aliases.name(h, "host"));
  for (const c of report.clients) aliases.name(c.facts?.hostname, "hostname");
  for (const c of report.clients) aliases.name(c.facts?.imds.instanceId.value, "instance");
  // Vantages, VMs and the services host are the fleet too.
  for (const v of report.vantages ?? []) aliases.name(v.name, "vantage");
  for (const m of report.machines ?? []) aliases.name(m.name, "machine");
  const otherHosts = [
    ...(report.vantages ?? []).map((v) => v.host),
    ...(report.machines ?? []).map((m) => m.host),
    ...report.clients.flatMap((c) => (c.paths ?? []).map((p) => p.host)),
  ];
  for (const host of otherHosts) aliases.name(host, "host");
  for (const host of otherHosts) if (/^[\d.]+$/.test(host)) aliases.ip(host);
  for (const c of report.clients) {
    const imds = c.facts?.imds;
    [c.host, c.probedAddress, c.advertisedIp, imds?.publicIpv4.value, imds?.localIpv4.value, ...(c.facts?.interfaces ?? [])].forEach(
      (ip) => ip && aliases.ip(ip.replace(/\/\d+$/, "")),
    );
  }
  return aliases;
}

/**
 * A deep copy of the report where every fleet name and address is a stable alias: client-N,
 * host-N, hostname-N, instance-N, domain-N, ip-N, ipv6-N (one alias per value in the whole report).
 * Override bytes are decoded, redacted and re-encoded. Host key fingerprints stay.
 */
export function redactReport(report: Report): Report {
  const aliases = seed(report);
  const domains = fleetDomains(aliases.names.keys());
  const text = replacer(aliases, aliases.names, domains);
  const binaryNames = new Map([...aliases.names].map(([name, alias]) => [utf8ToBinary(name), alias]));
  const binary = replacer(aliases, binaryNames, domains);
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === "string") {
      if (KEEP_KEYS.has(key)) return value;
      return key === "contentBase64" ? binaryToBase64(binary(base64ToBinary(value))) : text(value);
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return reportSchema.parse(walk(report, ""));
}
