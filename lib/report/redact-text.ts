import {
  DASHED_IPV4,
  DOTTED_HOST,
  escapeRegExp,
  FINGERPRINT,
  INSTANCE_ID,
  IPV4,
  IPV6,
  ipv6Key,
  isIpv4,
  isIpv4Octets,
  isIpv6,
  NAME_AFTER,
  NAME_BEFORE,
  PUBLIC_HOSTS,
  URL_HOST,
  USER_AT_HOST,
  USER_NAME,
  UUID,
  WELL_KNOWN_IPS,
  ZONE,
} from "./redact-patterns";

/** One alias per value for the whole report: the same host is host-3 in every field and text. */
export class Aliases {
  readonly names = new Map<string, string>();
  private readonly found = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  private next(kind: string): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    return `${kind}-${n}`;
  }

  /** A value from an identifier field, aliased before any text is read so numbering follows the report. */
  name(value: string, kind: string): string {
    let alias = this.names.get(value);
    if (!alias) this.names.set(value, (alias = this.other(value, kind)));
    return alias;
  }

  /** A value met in some text: aliased on first sight. */
  other(value: string, kind: string): string {
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

  /** A host name or address, wherever it was found. */
  host(value: string, names: ReadonlyMap<string, string>): string {
    const seeded = names.get(value) ?? names.get(value.toLowerCase());
    if (seeded) return seeded;
    if (isIpv4(value) || isIpv6(value)) return this.ip(value) ?? value;
    return PUBLIC_HOSTS.test(value) ? value : this.other(value, "host");
  }
}

type Rule = readonly [pattern: string, replace: (match: string) => string];

/**
 * A rewriter for free text: seeded names first (longest first), then every shape an identifier takes
 * in SSH errors, banners and our own remediations. One pass, so an alias is never rewritten again.
 */
export function replacer(aliases: Aliases, names: ReadonlyMap<string, string>, domains: readonly string[]): (text: string) => string {
  const alt = (values: Iterable<string>) =>
    [...values]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join("|") || "(?!)";
  const lower = new Map([...names].map(([name, alias]) => [name.toLowerCase(), alias]));
  const seeded = (match: string) => names.get(match) ?? lower.get(match.toLowerCase());
  const host = (match: string) => aliases.host(match, lower);
  const rules: Rule[] = [
    [FINGERPRINT, (m) => seeded(m) ?? aliases.other(m, "hostkey")],
    [URL_HOST, host],
    [`${NAME_BEFORE}(?:${alt(names.keys())})${NAME_AFTER}`, (m) => seeded(m) ?? aliases.other(m, "host")],
    [
      `${NAME_BEFORE}(?:[A-Za-z0-9-]+\\.)*(?:${alt(domains)})${NAME_AFTER}`,
      (m) => aliases.other(m, domains.includes(m.toLowerCase()) ? "domain" : "host"),
    ],
    [USER_AT_HOST, (m) => `${aliases.other(m.slice(0, m.indexOf("@")), "user")}@${host(m.slice(m.indexOf("@") + 1))}`],
    [USER_NAME, (m) => aliases.other(m, "user")],
    [UUID, (m) => aliases.other(m, "node-id")],
    [INSTANCE_ID, (m) => aliases.other(m, "instance")],
    [ZONE, (m) => aliases.other(m, "zone")],
    [DOTTED_HOST, host],
    [IPV4, (m) => aliases.ip(m) ?? m],
    [IPV6, (m) => aliases.ip(m) ?? m],
    [DASHED_IPV4, (m) => (isIpv4Octets(m.replace(/^ip-/i, ""), "-") ? (aliases.ip(m.replace(/^ip-/i, "").replaceAll("-", ".")) ?? m) : m)],
  ];
  const re = new RegExp(rules.map(([pattern]) => `(${pattern})`).join("|"), "gi");
  return (text) =>
    text.replace(re, (match: string, ...groups: unknown[]) => {
      const index = groups.findIndex((g, i) => i < rules.length && g !== undefined);
      return rules[index]![1](match);
    });
}
