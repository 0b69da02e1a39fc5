import type { PortRange } from "../common/ports";

/** One `iptables -S` rule, as far as this parser models it; anything else lands in `unknown`. */
export interface FirewallRule {
  readonly chain: string;
  readonly raw: string;
  /** CIDRs as iptables prints them (1.2.3.4/32); null: any. */
  readonly source: string | null;
  readonly destination: string | null;
  readonly inInterface: string | null;
  readonly protocol: string | null;
  /** Destination ports; null: any port. */
  readonly dports: readonly PortRange[] | null;
  /** conntrack/state match; null: any state. */
  readonly states: readonly string[] | null;
  /** -j or -g target; null for a rule that only counts. */
  readonly target: string | null;
  /** Matches not modelled (negations, other modules, source ports...): such a rule is evidence, never a claim. */
  readonly unknown: readonly string[];
}

const HARMLESS_MODULES = new Set(["tcp", "udp", "comment", "multiport", "conntrack", "state"]);

/** Splits an `iptables -S` line as iptables-save quotes it (double quotes, backslash escapes). */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let quoted = false;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "\\" && quoted && i + 1 < line.length) {
      current += line[++i];
    } else if (ch === '"') {
      quoted = !quoted;
      has = true;
    } else if (/\s/.test(ch) && !quoted) {
      if (has || current) tokens.push(current);
      current = "";
      has = false;
    } else {
      current += ch;
    }
  }
  if (has || current) tokens.push(current);
  return tokens;
}

function portRange(text: string): PortRange | null {
  const m = /^(\d{1,5})(?:[:-](\d{1,5}))?$/.exec(text);
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  return from >= 0 && to <= 65535 && from <= to ? { from, to } : null;
}

const anyCidr = (cidr: string | null): string | null =>
  cidr === null || cidr === "0.0.0.0/0" ? null : cidr.includes("/") ? cidr : `${cidr}/32`;

/** A `-A CHAIN ...` line of `iptables -S`; null for policies (-P), chain creations (-N) and anything else. */
export function parseIptablesRule(line: string): FirewallRule | null {
  const t = tokenize(line.trim());
  if (t[0] !== "-A" || !t[1]) return null;
  let source: string | null = null;
  let destination: string | null = null;
  let inInterface: string | null = null;
  let protocol: string | null = null;
  let dports: PortRange[] | null = null;
  let states: string[] | null = null;
  let target: string | null = null;
  const unknown: string[] = [];
  for (let i = 2; i < t.length; i++) {
    const opt = t[i]!;
    const arg = t[i + 1] ?? "";
    const take = () => {
      i++;
      return arg;
    };
    if (opt === "!") unknown.push("!");
    else if (opt === "-s" || opt === "--source") source = anyCidr(take());
    else if (opt === "-d" || opt === "--destination") destination = anyCidr(take());
    else if (opt === "-i" || opt === "--in-interface") inInterface = take();
    else if (opt === "-p" || opt === "--protocol") protocol = take().toLowerCase();
    else if (opt === "-m" || opt === "--match") {
      const name = take();
      if (!HARMLESS_MODULES.has(name)) unknown.push(`-m ${name}`);
    } else if (opt === "--dport" || opt === "--destination-port" || opt === "--dports" || opt === "--destination-ports") {
      const ranges = take().split(",").map(portRange);
      if (ranges.some((r) => r === null)) unknown.push(`${opt} ${arg}`);
      else dports = ranges as PortRange[];
    } else if (opt === "--ctstate" || opt === "--state") states = take().split(",");
    else if (opt === "--comment" || opt === "--reject-with") take();
    else if (opt === "-j" || opt === "--jump" || opt === "-g" || opt === "--goto") target = take();
    else {
      unknown.push(opt);
      if (arg && !arg.startsWith("-")) i++;
    }
  }
  return { chain: t[1], raw: line.trim(), source, destination, inInterface, protocol, dports, states, target, unknown };
}

export const DROPS = new Set(["DROP", "REJECT"]);
