import { BASE_SCENARIO as base } from "./scenario-base";
import type { Scenario } from "./types";

/**
 * The users' networks the lab inventory declares (users.cidrs): data only, never probed or routed to.
 * One sits in Docker's default docker_network_cidr (10.10.0.0/16), one in a blocked_cidrs entry (10.0.0.0/16).
 */
export const LAB_USER_CIDRS = ["10.10.200.0/24", "10.0.5.0/24"] as const;
/** server-terraform's blocked_cidrs in the docker-user scenario: the private subnet, as its basic example blocks it. */
export const LAB_BLOCKED_CIDR = "10.0.0.0/16";
export const LAB_DOCKER_NETWORK = "10.10.0.1/16";

/** The client's own firewall, routes and Nomad agent (issue 13): what a client says about itself, checked over SSH. */
export const HOST_SCENARIOS: readonly Scenario[] = [
  {
    ...base,
    name: "host-input-drops-rerun",
    description: "the client's own iptables INPUT drops TCP 64535-65535",
    hostFirewall: "input-drops-rerun",
    expect: { verdict: "broken", codes: ["RERUN_PORTS_FILTERED", "HOST_FIREWALL_DROPS_RERUN"] },
  },
  {
    ...base,
    name: "docker-user-blocked-users",
    description: `DOCKER-USER drops container traffic to ${LAB_BLOCKED_CIDR} (blocked_cidrs), which holds users' ${LAB_USER_CIDRS[1]}`,
    hostFirewall: "docker-user-blocked-users",
    expect: { verdict: "broken", codes: ["HOST_FIREWALL_DROPS_USERS"] },
  },
  {
    ...base,
    name: "users-overlap-docker-bridge",
    description: `docker0 holds ${LAB_DOCKER_NETWORK}, so replies to users' ${LAB_USER_CIDRS[0]} are routed into it`,
    dockerBridge: true,
    expect: { verdict: "broken", codes: ["USERS_ROUTED_TO_DOCKER_BRIDGE"] },
  },
  {
    ...base,
    name: "nomad-agent-ready",
    description: "a Nomad agent on 127.0.0.1:4646: node ready and eligible (lists the lab's agents for nomad.via)",
    nomadAgent: { status: "ready", eligibility: "eligible", drain: false },
    expect: { verdict: "ok", codes: [] },
  },
  {
    ...base,
    name: "nomad-agent-draining",
    description: "a Nomad agent whose node is draining (and so ineligible)",
    nomadAgent: { status: "ready", eligibility: "ineligible", drain: true },
    expect: { verdict: "degraded", codes: ["NOMAD_NODE_UNSCHEDULABLE"] },
  },
  {
    ...base,
    name: "nomad-agent-ineligible",
    description: "a Nomad agent whose node was marked ineligible",
    nomadAgent: { status: "ready", eligibility: "ineligible", drain: false },
    expect: { verdict: "degraded", codes: ["NOMAD_NODE_UNSCHEDULABLE"] },
  },
  {
    ...base,
    name: "non-root-no-sudo",
    description: "a non-root login without passwordless sudo (sessions find an `id` saying uid 1000 and a `sudo` that wants a password)",
    nonRootNoSudo: true,
    expect: { verdict: "ok", codes: ["HOST_FIREWALL_NOT_READ"] },
  },
  {
    ...base,
    name: "nomad-agent-mtls",
    description: "a Nomad agent on https://localhost:4646 that requires the client certificate under /etc/ssl/nomad; node ineligible",
    nomadAgent: { status: "ready", eligibility: "ineligible", drain: false, tls: true },
    expect: { verdict: "degraded", codes: ["NOMAD_NODE_UNSCHEDULABLE"] },
  },
  {
    ...base,
    name: "host-nft-drops-rerun",
    description: "the client's own nftables (table inet filter, input hook) drops TCP 64535-65535; iptables -S shows nothing",
    hostFirewall: "nft-drops-rerun",
    expect: { verdict: "broken", codes: ["RERUN_PORTS_FILTERED", "HOST_FIREWALL_DROPS_RERUN"] },
  },
];
