import { base64ToBinary, binaryToBase64, fleetDomains, isIpv4, isIpv6, utf8ToBinary, WELL_KNOWN_IPS } from "./redact-patterns";
import { fieldRule } from "./redact-policy";
import { Aliases, replacer } from "./redact-text";
import { mapStrings } from "./schema-walk";
import { reportSchema, type Report } from "./schema";

/** The part of an identifier value that names something: the host of a URL or of host:port, an address without its /nn. */
function identifierCore(value: string): string {
  const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/.exec(value);
  if (url) return url[1]!.replace(/^\[|\]$/g, "");
  const cidr = value.replace(/\/\d{1,3}$/, "");
  if (isIpv4(cidr) || isIpv6(cidr)) return cidr;
  const hostPort = /^(\[[^\]]+\]|[^:\s]+):\d{1,5}$/.exec(value);
  return hostPort ? hostPort[1]!.replace(/^\[|\]$/g, "") : value;
}

/** Aliases for every identifier field of the report, numbered in the schema's order. */
function seed(report: Report): Aliases {
  const aliases = new Aliases();
  mapStrings(reportSchema, report, (value, path) => {
    const rule = fieldRule(path, value);
    if (rule.kind !== "identifier" || value === "") return value;
    const core = identifierCore(value);
    if (aliases.ip(core) === null && !isIpv4(core) && !isIpv6(core)) aliases.name(core, rule.alias);
    return value;
  });
  return aliases;
}

/**
 * A deep copy of the report where every identifier is a stable alias (client-N, host-N, ip-N,
 * node-N, instance-N, user-N, hostkey-N, ...): whole identifier fields are replaced, and every
 * string, free text and override bytes included, has those values and identifier-shaped words
 * replaced. Enums, codes, numbers, timestamps and the Server version stay.
 */
export function redactReport(report: Report): Report {
  const aliases = seed(report);
  const domains = fleetDomains(aliases.names.keys());
  const text = replacer(aliases, aliases.names, domains);
  const binaryNames = new Map([...aliases.names].map(([name, alias]) => [utf8ToBinary(name), alias]));
  const binary = replacer(aliases, binaryNames, domains);
  const redacted = mapStrings(reportSchema, report, (value, path) => {
    const rule = fieldRule(path, value);
    if (rule.kind === "keep" || value === "") return value;
    if (path.endsWith("contentBase64")) return binaryToBase64(binary(base64ToBinary(value)));
    if (rule.kind === "prose") return text(value);
    const seeded = aliases.names.get(value);
    if (seeded) return seeded;
    const rewritten = text(value);
    if (rewritten !== value || WELL_KNOWN_IPS.has(identifierCore(value))) return rewritten;
    // Whatever the patterns did not recognise in an identifier field is still an identifier.
    return aliases.other(value, rule.alias);
  });
  return reportSchema.parse(redacted);
}
