import type { HostChecks, HostChecksOutcome, HostFirewallFacts, NomadAgentFacts, NomadAgentNode } from "../collect/host-types";

/** Docker's FORWARD chain as `iptables -S FORWARD` prints it on a Nomad client. */
export const DOCKER_FORWARD = [
  "-P FORWARD DROP",
  "-A FORWARD -j DOCKER-USER",
  "-A FORWARD -j DOCKER-ISOLATION-STAGE-1",
  "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
  "-A FORWARD -o docker0 -j DOCKER",
  "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT",
  "-A FORWARD -i docker0 -o docker0 -j ACCEPT",
];

/** server-terraform's boot script: metadata kept from containers, and each blocked_cidrs entry (here 10.0.0.0/16). */
export const SERVER_TERRAFORM_DOCKER_USER = [
  "-N DOCKER-USER",
  "-A DOCKER-USER -d 10.0.0.0/16 -i br+ -j DROP",
  "-A DOCKER-USER -d 10.0.0.0/16 -i docker+ -j DROP",
  "-A DOCKER-USER -d 169.254.0.0/16 -i br+ -j DROP",
  "-A DOCKER-USER -d 169.254.0.0/16 -i docker+ -j DROP",
  "-A DOCKER-USER -j RETURN",
];

export function agentNode(overrides: Partial<NomadAgentNode> = {}): NomadAgentNode {
  return {
    id: "f7476465-4d6e-c0de-26d0-e383c49be941",
    name: "nomad-client-1",
    status: "ready",
    statusDescription: "",
    eligibility: "eligible",
    drain: false,
    attributes: {
      "unique.platform.aws.public-ipv4": "198.51.100.131",
      "unique.platform.aws.local-ipv4": "198.51.100.11",
      "unique.platform.aws.instance-id": "i-0123456789abcdef0",
      "unique.network.ip-address": "198.51.100.11",
    },
    ...overrides,
  };
}

export function agentFacts(node: NomadAgentNode | null = null): NomadAgentFacts {
  return {
    address: "http://127.0.0.1:4646",
    tool: "curl",
    selfStatus: node ? 200 : null,
    nodeId: node?.id ?? null,
    nodeStatus: node ? 200 : null,
    node,
    problem: null,
  };
}

export function firewall(chains: Record<string, readonly string[]> = {}, overrides: Partial<HostFirewallFacts> = {}): HostFirewallFacts {
  const listed = ["INPUT", "FORWARD", "DOCKER-USER"].map((chain) => ({
    chain,
    exit: chains[chain] ? 0 : chain === "DOCKER-USER" ? 1 : 0,
    lines: chains[chain] ?? (chain === "DOCKER-USER" ? ["iptables: No chain/target/match by that name."] : [`-P ${chain} ACCEPT`]),
  }));
  return { uid: 0, privilege: "root", iptables: "read", chains: listed, nft: null, routes: [], ...overrides };
}

export function hostChecks(overrides: Partial<HostChecks> = {}): HostChecksOutcome {
  return { ok: true, checks: { nomadAgent: agentFacts(), firewall: firewall(), userAddresses: [], ...overrides } };
}
