import { escapeText } from "../../common/escape";
import { rangeText, type PortRange } from "../../common/ports";
import type { FirewallRule } from "../../collect/firewall-rules";
import type { NomadAgentNode } from "../../collect/host-types";
import { describeUsersNetwork, INVENTORY_USERS, type UsersNetwork } from "../users-networks";
import { entry, type CatalogPart } from "./entry";

export interface RoutedUsers {
  readonly cidr: string;
  readonly address: string;
  readonly dev: string;
  readonly line: string;
}

/** Rules are the client's words: escaped and cut, never pasted into a command. */
const quoteRules = (rules: readonly FirewallRule[]): string =>
  rules
    .slice(0, 4)
    .map((r) => `"${escapeText(r.raw, 160)}"`)
    .join("; ") + (rules.length > 4 ? ` and ${rules.length - 4} more` : "");

/** Each users' network with where it came from, so a user probe's address reads as the user's. */
const usersText = (cidrs: readonly string[] | null, networks: readonly UsersNetwork[] | undefined): string =>
  (cidrs ?? []).map((c) => describeUsersNetwork(c, networks)).join(", ");
/** In titles only a user probe's address is explained: the inventory's networks are the admin's own words. */
const usersTitle = (cidrs: readonly string[], networks: readonly UsersNetwork[] | undefined): string =>
  cidrs
    .map((c) => (networks?.some((n) => n.cidr === c && n.source !== INVENTORY_USERS) ? describeUsersNetwork(c, networks) : c))
    .join(", ");

const BOOT_SCRIPT = "the Nomad clients' boot script (the launch template's user data, or the instance template's startup script)";

interface InputDrops {
  readonly rules: readonly FirewallRule[];
  readonly range: PortRange;
  readonly users: readonly string[] | null;
  readonly networks?: readonly UsersNetwork[];
}

interface ForwardDrops {
  readonly blocked: readonly { rule: FirewallRule; cidrs: readonly string[] }[];
  readonly networks?: readonly UsersNetwork[];
}

type NotRead = { why: "no-sudo" | "sudo-password"; uid: number | null } | { why: "failed"; message: string };

export const HOST_ENTRIES = {
  HOST_FIREWALL_DROPS_RERUN: entry({
    check: "the client's own firewall (iptables INPUT, nftables input hooks) does not drop the rerun range, for everyone or the users",
    severities: ["error"],
    arrows: ["rerun-ports"],
    cause: "the client's own firewall drops the rerun range",
    arrowCause: "host firewall drops the range",
    text: ({ rules, range, users, networks }: InputDrops) => ({
      title: `The client's own firewall drops rerun ports ${rangeText(range)}`,
      detail:
        `The host firewall on this client drops TCP to the rerun range ` +
        `${rules.some((r) => r.source === null) ? "from every source" : `from the users' networks (${usersText(users, networks)})`}: ` +
        `${quoteRules(rules)}. Probes of the range from outside then see it filtered whatever the security group allows: ` +
        "this rule, not (only) the cloud's firewall, is a cause.",
      remediation:
        `Remove the rule, or accept the range before it: \`iptables -I INPUT -p tcp --dport ${range.from}:${range.to} -j ACCEPT\`, ` +
        `in ${BOOT_SCRIPT} so replaced instances get it too (Podman clients, use_podman: 32768:65535). ` +
        "Then keep the range open to the users in the security group (allowed_ips_retry_ssh / retry_with_ssh_allowed_cidr_blocks).",
    }),
  }),
  HOST_FIREWALL_DROPS_USERS: entry({
    check: "DOCKER-USER and FORWARD rules (server-terraform's blocked_cidrs) do not drop traffic to or from the users' networks",
    severities: ["error"],
    arrows: ["rerun-ports"],
    cause: "DOCKER-USER drops the users' networks (blocked_cidrs)",
    arrowCause: "DOCKER-USER drops replies to users",
    text: ({ blocked, networks }: ForwardDrops) => {
      const cidrs = [...new Set(blocked.flatMap((b) => b.cidrs))];
      return {
        title: `The client drops container traffic to the users' network ${usersTitle(cidrs, networks)}`,
        detail:
          `${quoteRules(blocked.map((b) => b.rule))}. A rerun's sshd runs in a container: its replies to a user in ` +
          `${usersText(cidrs, networks)} leave through the container bridge and are dropped here ` +
          "(server-terraform's boot script inserts `-i docker+/-i br+ --destination <blocked_cidr> -j DROP` " +
          "for each blocked_cidrs entry), " +
          "so `ssh -p <port>` from there times out although the probes from elsewhere look fine.",
        remediation:
          "Remove the users' range from the nomad-clients module's `blocked_cidrs` Terraform variable and replace the clients, " +
          "or have users connect from outside it (e.g. not from a bastion in the blocked private subnet). To keep the block but let " +
          `replies out, add \`iptables -I DOCKER-USER -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\` to ${BOOT_SCRIPT}.`,
      };
    },
  }),
  USERS_ROUTED_TO_DOCKER_BRIDGE: entry({
    check: "the route from the client to each users' network leaves through its uplink, not a Docker bridge (docker_network_cidr)",
    severities: ["error"],
    arrows: ["rerun-ports"],
    cause: "the users' network overlaps a Docker bridge (docker_network_cidr)",
    arrowCause: "replies routed into a Docker bridge",
    text: ({ routed, networks }: { routed: readonly RoutedUsers[]; networks?: readonly UsersNetwork[] }) => ({
      title: `Replies to the users' network ${usersTitle(
        routed.map((r) => r.cidr),
        networks,
      )} are routed into ${routed[0]!.dev}`,
      detail:
        routed
          .map((r) => `\`ip route get ${r.address}\` (for ${describeUsersNetwork(r.cidr, networks)}): "${escapeText(r.line, 160)}"`)
          .join("; ") +
        ". The users' addresses overlap a container network on this client, so replies to them go to the bridge instead of " +
        "the users: reruns time out from there.",
      remediation:
        "Set the nomad-clients module's `docker_network_cidr` Terraform variable (default 10.10.0.0/16; it must overlap neither " +
        "the VPC nor any users' or VPN network) and replace the clients; for user-defined networks (br-*) change Docker's " +
        "`default-address-pools` in /etc/docker/daemon.json from the boot script.",
    }),
  }),
  HOST_FIREWALL_NOT_READ: entry({
    check: "the client's firewall and routes can be read (as root, or with sudo -n) to check them against the users",
    severities: ["info"],
    arrows: [],
    cause: "the client's firewall could not be read",
    arrowCause: "host firewall not read",
    text: (input: NotRead) =>
      input.why === "failed"
        ? {
            title: "The client's Nomad agent, firewall and routes were not checked",
            detail: `The host checks did not complete: ${escapeText(input.message, 240)}.`,
            remediation: "Run the check again; if it repeats, run `iptables -S` and `ip route get <user address>` on the client by hand.",
          }
        : {
            title: "The client's firewall was not read: sudo needs a password",
            detail:
              `The SSH user (uid ${input.uid ?? "unknown"}) is not root and ` +
              `${input.why === "no-sudo" ? "the client has no sudo" : "`sudo -n` refused without a password"}, so iptables and nft ` +
              "were not run; host firewall rules that drop the rerun range or the users were not checked (routes were).",
            remediation:
              "Log in as root (ssh.user), or let the SSH user read the rules without a password, e.g. a sudoers line " +
              "`ubuntu ALL=(root) NOPASSWD: /usr/sbin/iptables -w 2 -S *, /usr/sbin/nft list ruleset`.",
          },
  }),
  NOMAD_NODE_UNSCHEDULABLE: entry({
    check: "the client's own Nomad agent reports its node ready, eligible and not draining (reruns land only there)",
    severities: ["warning"],
    arrows: [],
    cause: "Nomad will not place jobs on this client",
    arrowCause: "Nomad node not schedulable",
    text: ({ node }: { node: NomadAgentNode }) => {
      const states = [
        node.status !== "ready" ? `status ${escapeText(node.status, 32)}` : null,
        node.drain ? "draining" : null,
        node.eligibility !== "eligible" ? `${escapeText(node.eligibility, 32)} for scheduling` : null,
      ].filter((s): s is string => s !== null);
      return {
        title: `Nomad node ${escapeText(node.name, 64)} is ${states.join(", ")}`,
        detail:
          `The client's own agent (GET /v1/node/${escapeText(node.id, 40)} on localhost:4646) says: ` +
          `Status "${escapeText(node.status, 32)}"` +
          `${node.statusDescription ? ` (${escapeText(node.statusDescription, 120)})` : ""}, SchedulingEligibility ` +
          `"${escapeText(node.eligibility, 32)}", Drain ${node.drain}. Nomad places no new jobs here, SSH reruns included: ` +
          "a rerun lands on another client, or waits when none is left.",
        remediation:
          "If the drain or ineligibility is left over from maintenance, end it: `nomad node drain -disable -self` and " +
          "`nomad node eligibility -enable -self` on the client. If the node is down, check the Nomad agent on it " +
          "(its stderr log, and 4647 to the Nomad servers), or let the autoscaling group replace the instance.",
      };
    },
  }),
} satisfies CatalogPart;
