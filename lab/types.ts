import type { FindingCode, Verdict } from "../lib/diagnose/types";

/** What Rerun Doctor should report for a lab client (docs/contract.md). */
export interface Expectation {
  readonly verdict: Verdict;
  readonly codes: readonly FindingCode[];
}

/** AWS IMDS (v1, or v2 required), GCP's metadata server (with or without an external IP), Azure IMDS, or nothing on 169.254.169.254. */
export type ImdsMode = "v1" | "v2-required" | "gcp" | "gcp-private" | "azure" | "none";
export type FirewallRule = "none" | "drop-rerun-range" | "drop-rerun-part";
/** running: a real sshd; none: nothing on 22; silent: labd accepts on 22 and never speaks; reset: labd accepts and resets (RST). */
export type SshdKind = "running" | "none" | "silent" | "reset";
/** How labd's metadata misbehaves for a client: answers after 3 s, or answers every request with a 301. */
export type ImdsFault = "slow" | "redirect";

/** The client's own firewall (host-scenarios.ts): an INPUT drop of the rerun range, or server-terraform's DOCKER-USER blocked_cidrs. */
export type HostFirewall = "input-drops-rerun" | "docker-user-blocked-users" | "nft-drops-rerun";

/** A Nomad client agent on 127.0.0.1:4646 in the namespace (labd), with its node's state as the servers see it. */
export interface NomadAgentSpec {
  readonly status: "ready" | "down" | "initializing";
  readonly eligibility: "eligible" | "ineligible";
  readonly drain: boolean;
  /** HTTPS with client certificates, as with deploy_nomad_server_instances: the client's certs under /etc/ssl/nomad. */
  readonly tls?: boolean;
}

/** How a scenario's /etc/circleci/public-ipv4 is made; null: no file. */
export type OverrideSpec =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "own-private-ip" }
  | { readonly kind: "public-ip-of"; readonly client: string }
  /** `bytes` bytes of filler lines, written at `up` (too big for lab.json). */
  | { readonly kind: "filler"; readonly bytes: number };

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly imds: ImdsMode;
  readonly publicIp: boolean;
  readonly metadataBlocked: boolean;
  readonly firewall: FirewallRule;
  readonly sshd: SshdKind;
  /** A second sshd on this port stands for an SSH-rerun job holding it. */
  readonly rerunJobPort: number | null;
  /** known_hosts holds another key for this client. */
  readonly hostKeyChanged: boolean;
  /** sshd accepts only a key the admin does not hold. */
  readonly authRefused: boolean;
  /** Hide curl from the client's sessions, so collectors must fall back to wget. */
  readonly noCurl: boolean;
  readonly override: OverrideSpec | null;
  /** sshd's ForceCommand: whatever the client asks to run, this runs instead. */
  readonly forceCommand?: string;
  readonly imdsFault?: ImdsFault;
  /** Lies about its addresses: `ip` shows this one too, and metadata answers it as public-ipv4. */
  readonly fakeAddress?: string;
  /** A VPC address (data only, never on a real interface): `ip` shows it and GCP/Azure metadata answer it as the private IP. */
  readonly vpcAddress?: string;
  /** The override's mtime is set before the machine's boot time (a file no boot script rewrote). */
  readonly overrideBeforeBoot?: boolean;
  /** Scenarios that must be up too (a pair like override-copied-a/b). */
  readonly requires?: readonly string[];
  readonly hostFirewall?: HostFirewall;
  /** A bridge named docker0 holding Docker's default docker_network_cidr (10.10.0.1/16). */
  readonly dockerBridge?: boolean;
  readonly nomadAgent?: NomadAgentSpec;
  /** Sessions find an `id` saying uid 1000 and a `sudo` that wants a password: a non-root login, as the scripts see it. */
  readonly nonRootNoSudo?: boolean;
  readonly expect: Expectation;
}

/** One client of lab.json. */
export interface LabClient {
  readonly name: string;
  readonly scenario: string;
  readonly description: string;
  /** n in rdlab-<n> and rdlv<n>. */
  readonly index: number;
  readonly namespace: string;
  readonly hostVeth: string;
  readonly privateIp: string;
  readonly publicIp: string | null;
  /** Exact content of /etc/circleci/public-ipv4 in the namespace; null: no file. */
  readonly override: string | null;
  readonly imds: ImdsMode;
  readonly metadataBlocked: boolean;
  readonly firewall: FirewallRule;
  readonly sshd: SshdKind;
  readonly sshdPid: number | null;
  readonly rerunJobPort: number | null;
  readonly rerunJobPid: number | null;
  readonly hostKeyChanged: boolean;
  readonly authRefused: boolean;
  readonly noCurl: boolean;
  readonly forceCommand?: string | null;
  readonly imdsFault?: ImdsFault | null;
  /** Size of a generated filler override (then `override` is null although the file exists). */
  readonly overrideFillBytes?: number | null;
  /** "podman": the client's sessions find a `podman` and no `docker` (reach lab only). */
  readonly runtime?: "podman" | null;
  /** The address this client lies about (its `ip` and its metadata claim it); see scenarios' fakeAddress. */
  readonly fakeAddress?: string | null;
  /** See scenarios' vpcAddress and overrideBeforeBoot. */
  readonly vpcAddress?: string | null;
  readonly overrideBeforeBoot?: boolean | null;
  readonly hostFirewall?: HostFirewall | null;
  readonly dockerBridge?: boolean;
  readonly nomadAgent?: NomadAgentSpec | null;
  readonly nonRootNoSudo?: boolean;
  /** The Nomad node ID its agent reports (a UUID from the name). */
  readonly nomadNodeId?: string;
  readonly instanceId: string;
  readonly availabilityZone: string;
  /** Directory with this client's sshd config, host key, pid and log files. */
  readonly dir: string;
  readonly expect: Expectation;
}

/** lab.json, written by `lab up`. */
export interface LabManifest {
  readonly schemaVersion: 1;
  readonly createdAt: string;
  readonly stateDir: string;
  readonly bridge: string;
  readonly dashboardIp: string;
  readonly inventoryFile: string;
  readonly knownHostsFile: string;
  readonly identityFile: string;
  readonly labdPid: number | null;
  /** True when the lab made /etc/circleci on the host (so `down` removes it). */
  readonly createdEtcCircleci: boolean;
  readonly clients: readonly LabClient[];
  /** The `--reach` parts (vantage, services, VMs and their clients); absent without `--reach`. */
  readonly reach?: LabReach | null;
}

/** What a namespace of the lab's reach part (vantage, services, VMs and their clients) stands for. */
export type ReachRole = "client" | "vantage" | "services" | "vm";

/** One namespace of the reach lab; `node` reuses the client shape (sshd, addresses, dir). */
export interface ReachNode {
  readonly role: ReachRole;
  readonly node: LabClient;
  /** Ports labd listens on (accept, then close) inside this namespace. */
  readonly listeners: readonly number[];
  /** iptables argument lists applied inside this namespace. */
  readonly rules: readonly (readonly string[])[];
}

export interface LabReach {
  readonly inventoryFile: string;
  readonly nodes: readonly ReachNode[];
  /** Names of the chosen reach clients. */
  readonly healthy: string;
  readonly vantageFiltered: string;
  readonly servicesBlocked: string;
  readonly podman: string;
  readonly vantage: string;
  readonly services: string;
  readonly vmOpen: string;
  readonly vmBlocked: string;
}
