import type { PortRange } from "../common/ports";
import type { FirewallRule } from "./firewall-rules";

/** Tables iptables-nft makes: `iptables -S` already read them. */
const IPTABLES_TABLES = /^(ip|ip6) (filter|nat|raw|mangle|security)$/;
const VERDICTS = new Set(["drop", "reject", "accept", "return"]);

function ports(text: string): PortRange[] | null {
  const out: PortRange[] = [];
  for (const part of text.split(",").map((p) => p.trim())) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) return null;
    out.push({ from: Number(m[1]), to: Number(m[2] ?? m[1]) });
  }
  return out;
}

/** `{ a, b-c }` or one word, from tokens[i]; returns the text and the next index. */
function setOrWord(tokens: readonly string[], i: number): [string, number] {
  if (tokens[i] !== "{") return [tokens[i] ?? "", i + 1];
  const end = tokens.indexOf("}", i);
  if (end < 0) return ["", tokens.length];
  return [
    tokens
      .slice(i + 1, end)
      .join(" ")
      .replace(/\s*,\s*/g, ","),
    end + 1,
  ];
}

function nftRule(chain: string, line: string, where: string): FirewallRule {
  const tokens = line
    .replace(/([{}])/g, " $1 ")
    .trim()
    .split(/\s+/);
  let source: string | null = null;
  let destination: string | null = null;
  let inInterface: string | null = null;
  let protocol: string | null = null;
  let dports: PortRange[] | null = null;
  let states: string[] | null = null;
  let target: string | null = null;
  const unknown: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const [a, b] = [tokens[i], tokens[i + 1]];
    if (a === "ip" && (b === "saddr" || b === "daddr")) {
      const [value, next] = setOrWord(tokens, i + 2);
      if (value.includes(",") || value.startsWith("@")) unknown.push(`ip ${b} ${value}`);
      else if (b === "saddr") source = value.includes("/") ? value : `${value}/32`;
      else destination = value.includes("/") ? value : `${value}/32`;
      i = next;
    } else if ((a === "tcp" || a === "udp") && b === "dport") {
      protocol = a;
      const [value, next] = setOrWord(tokens, i + 2);
      dports = ports(value);
      if (dports === null) unknown.push(`${a} dport ${value}`);
      i = next;
    } else if (a === "iifname" || a === "iif") {
      inInterface = (b ?? "").replace(/"/g, "");
      i += 2;
    } else if (a === "ct" && b === "state") {
      const [value, next] = setOrWord(tokens, i + 2);
      states = value.split(",").map((s) => s.toUpperCase());
      i = next;
    } else if (a === "meta" && b === "l4proto") {
      protocol = tokens[i + 2] ?? null;
      i += 3;
    } else if (a === "counter") {
      i += tokens[i + 1] === "packets" ? 5 : 1;
    } else if (a === "comment") {
      i = tokens.length; // a quoted comment ends the rule's text
    } else if (a !== undefined && VERDICTS.has(a)) {
      target = a.toUpperCase();
      i = a === "reject" && b === "with" ? tokens.length : i + 1;
    } else if ((a === "jump" || a === "goto") && b) {
      target = b;
      i += 2;
    } else {
      unknown.push(a ?? "");
      i++;
    }
  }
  return { chain, raw: `nft ${where}: ${line.trim()}`, source, destination, inInterface, protocol, dports, states, target, unknown };
}

/**
 * Rules of base chains hooked on input or forward in `nft list ruleset`, as INPUT/FORWARD rules.
 * Tables iptables-nft manages are skipped when `iptables -S` read them already.
 */
export function parseNftRuleset(lines: readonly string[], iptablesRead: boolean): FirewallRule[] {
  const rules: FirewallRule[] = [];
  let table: string | null = null;
  let chain: string | null = null;
  let hook: "INPUT" | "FORWARD" | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    const t = /^table (\S+) (\S+) \{$/.exec(line);
    if (t) {
      table = `${t[1]} ${t[2]}`;
      continue;
    }
    const c = /^chain (\S+) \{$/.exec(line);
    if (c) {
      chain = c[1]!;
      hook = null;
      continue;
    }
    if (line === "}") {
      if (chain !== null) chain = null;
      else table = null;
      continue;
    }
    const h = /^type filter hook (input|forward) /.exec(line);
    if (h) {
      hook = h[1] === "input" ? "INPUT" : "FORWARD";
      continue;
    }
    if (!table || !chain || !hook || !line || line.startsWith("#") || line.startsWith("type ") || line.startsWith("policy ")) continue;
    if (iptablesRead && IPTABLES_TABLES.test(table)) continue;
    rules.push(nftRule(hook, line, `${table} ${chain}`));
  }
  return rules;
}
