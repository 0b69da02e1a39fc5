import { parseCidr } from "../common/ipv4";
import type { PortRange } from "../common/ports";
import { DROPS, parseIptablesRule, type FirewallRule } from "../collect/firewall-rules";
import type { HostChecks, HostChecksOutcome, HostFirewallFacts } from "../collect/host-types";
import { parseNftRuleset } from "../collect/nft-rules";
import { finding } from "./catalog";
import type { RoutedUsers } from "./catalog/host";
import type { Finding } from "./types";
import type { UsersNetwork } from "./users-networks";

/** Interfaces of container networks: Docker's docker0 and br-<id>, Podman's, CNI's and Nomad's bridge mode. */
const BRIDGE_DEV = /^(docker\d*|br-[0-9a-f]{6,}|cni-podman\d*|podman\d*|cni0|nomad)$/;
/** server-terraform's own DOCKER-USER rules keep containers off instance metadata: never a users' network. */
const LINK_LOCAL = "169.254.0.0/16";

function range(cidr: string): [number, number] | null {
  const net = parseCidr(cidr);
  if (!net) return null;
  const size = 2 ** (32 - net.bits);
  const start = Math.floor(net.base / size) * size;
  return [start, start + size - 1];
}

export function cidrsOverlap(a: string, b: string): boolean {
  const [x, y] = [range(a), range(b)];
  return x !== null && y !== null && x[0] <= y[1] && y[0] <= x[1];
}

const overlapsPorts = (ports: readonly PortRange[] | null, r: PortRange): boolean =>
  ports === null || ports.some((p) => p.from <= r.to && r.from <= p.to);
const tcpOrAny = (rule: FirewallRule): boolean => rule.protocol === null || rule.protocol === "tcp" || rule.protocol === "6";
const statesInclude = (rule: FirewallRule, state: string): boolean => rule.states === null || rule.states.includes(state);
const mayMatch = (cidr: string | null, users: readonly string[] | null): boolean =>
  cidr === null || users === null || users.some((u) => cidrsOverlap(cidr, u));
/** Packets that enter on loopback or a container bridge are not users' connections to the host. */
const fromOutside = (rule: FirewallRule): boolean =>
  rule.inInterface === null || !/^(lo|docker|br-|br\+|cni|podman)/.test(rule.inInterface);

/** An earlier rule that may accept or divert the same packets: then the drop is evidence, not a claim. */
function shadowed(rules: readonly FirewallRule[], index: number, covers: (rule: FirewallRule) => boolean): boolean {
  return rules.slice(0, index).some((r) => r.target !== null && !DROPS.has(r.target) && r.target !== "LOG" && covers(r));
}

export interface HostRuleContext {
  readonly rerunRange: PortRange;
  /** inventory users.cidrs; null when the inventory has no users section. */
  readonly users: readonly string[] | null;
  /** Where each of `users` came from, for the findings' words. */
  readonly networks?: readonly UsersNetwork[];
}

function chainRules(fw: HostFirewallFacts, chain: string): FirewallRule[] {
  const listing = fw.chains.find((c) => c.chain === chain && c.exit === 0);
  const rules = (listing?.lines ?? []).flatMap((line) => parseIptablesRule(line) ?? []).filter((r) => r.chain === chain);
  const nft = fw.nft?.exit === 0 ? parseNftRuleset(fw.nft.lines, fw.iptables === "read").filter((r) => r.chain === chain) : [];
  return [...rules, ...nft];
}

/** INPUT rules that drop new TCP connections to the rerun range, for everyone or from the users' networks. */
export function inputDrops(fw: HostFirewallFacts, ctx: HostRuleContext): FirewallRule[] {
  const rules = chainRules(fw, "INPUT");
  return rules.filter((rule, i) => {
    if (!rule.target || !DROPS.has(rule.target) || rule.unknown.length > 0 || rule.dports === null) return false;
    if (!tcpOrAny(rule) || !statesInclude(rule, "NEW") || !fromOutside(rule) || !overlapsPorts(rule.dports, ctx.rerunRange)) return false;
    if (rule.source !== null && (ctx.users === null || !mayMatch(rule.source, ctx.users))) return false;
    const covers = (r: FirewallRule) =>
      fromOutside(r) && tcpOrAny(r) && statesInclude(r, "NEW") && overlapsPorts(r.dports, ctx.rerunRange) && mayMatch(r.source, ctx.users);
    return !shadowed(rules, i, covers);
  });
}

/** DOCKER-USER and FORWARD rules that drop traffic to or from the users' networks (server-terraform's blocked_cidrs). */
export function forwardDropsOfUsers(fw: HostFirewallFacts, users: readonly string[]): { rule: FirewallRule; cidrs: string[] }[] {
  return ["DOCKER-USER", "FORWARD"].flatMap((chain) => {
    const rules = chainRules(fw, chain);
    return rules.flatMap((rule, i) => {
      if (!rule.target || !DROPS.has(rule.target) || rule.unknown.length > 0 || rule.dports !== null || !tcpOrAny(rule)) return [];
      const nets = [rule.source, rule.destination].filter((c): c is string => c !== null && !cidrsOverlap(c, LINK_LOCAL));
      const cidrs = users.filter((u) => nets.some((n) => cidrsOverlap(n, u)));
      if (cidrs.length === 0) return [];
      const covers = (r: FirewallRule) => mayMatch(r.source, users) && mayMatch(r.destination, users) && r.dports === null;
      return shadowed(rules, i, covers) ? [] : [{ rule, cidrs }];
    });
  });
}

/** `ip route get` of a users' address leaving through a container bridge: replies go to containers, not users. */
export function routedToBridge(checks: HostChecks): RoutedUsers[] {
  return checks.userAddresses.flatMap(({ cidr, address }) => {
    const line = checks.firewall.routes.find((r) => r.address === address)?.line ?? "";
    const dev = /\bdev (\S+)/.exec(line)?.[1];
    return dev && BRIDGE_DEV.test(dev) ? [{ cidr, address, dev, line }] : [];
  });
}

/** The client's own firewall and routes toward the users. */
export function hostFindings(outcome: HostChecksOutcome | undefined, ctx: HostRuleContext): Finding[] {
  if (!outcome) return [];
  if (!outcome.ok) return [finding("HOST_FIREWALL_NOT_READ", "info", { why: "failed", message: outcome.message })];
  const { firewall } = outcome.checks;
  const out: Finding[] = [];
  if (firewall.privilege === "no-sudo" || firewall.privilege === "sudo-password") {
    out.push(finding("HOST_FIREWALL_NOT_READ", "info", { why: firewall.privilege, uid: firewall.uid }));
  }
  const inputs = inputDrops(firewall, ctx);
  if (inputs.length > 0)
    out.push(
      finding("HOST_FIREWALL_DROPS_RERUN", "error", { rules: inputs, range: ctx.rerunRange, users: ctx.users, networks: ctx.networks }),
    );
  const blocked = ctx.users ? forwardDropsOfUsers(firewall, ctx.users) : [];
  if (blocked.length > 0) out.push(finding("HOST_FIREWALL_DROPS_USERS", "error", { blocked, networks: ctx.networks }));
  const routed = routedToBridge(outcome.checks);
  if (routed.length > 0) out.push(finding("USERS_ROUTED_TO_DOCKER_BRIDGE", "error", { routed, networks: ctx.networks }));
  return out;
}
