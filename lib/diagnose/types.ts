import { z } from "zod";
import type { UsersNetwork } from "./users-networks";
import type { CollectOutcome } from "../collect/types";
import type { HostChecksOutcome } from "../collect/host-types";
import type { Target } from "../inventory/types";
import type { PortRange } from "../common/ports";
import type { ProbeResult, ProbeSkipped } from "../probe/types";
import type { ReachObservation } from "./reach-types";

export const FINDING_CODES = [
  "SSH_UNREACHABLE",
  "SSH_AUTH_FAILED",
  "SSH_HOST_KEY_MISMATCH",
  "SSH_HOST_KEY_UNKNOWN",
  "COLLECT_FAILED",
  "OVERRIDE_EMPTY",
  "OVERRIDE_INVALID",
  "OVERRIDE_DUPLICATE",
  "OVERRIDE_STALE",
  "METADATA_UNREACHABLE",
  "METADATA_TOKEN_REQUIRED",
  "NO_PUBLIC_IP",
  "ADVERTISED_IP_UNDETERMINED",
  "RERUN_PORTS_FILTERED",
  "RERUN_PORTS_PARTIALLY_FILTERED",
  "RERUN_PORTS_NOT_PROBED",
  "RERUN_JOB_LISTENING",
  "NOMAD_FINGERPRINT_MISMATCH",
  "VANTAGE_UNUSABLE",
  "RERUN_PORTS_FILTERED_FROM_VANTAGE",
  "RERUN_PORTS_FILTERED_FROM_USERS",
  "RERUN_RANGE_MISMATCH",
  "SERVICES_UNREACHABLE",
  "VM_UNREACHABLE_FROM_CLIENT",
  "VM_PORT_54782_FILTERED",
  "PATHS_NOT_MEASURED",
  "OVERRIDE_OLDER_THAN_BOOT",
  "ADVERTISED_IP_PRIVATE",
  "HOST_FIREWALL_DROPS_RERUN",
  "HOST_FIREWALL_DROPS_USERS",
  "USERS_ROUTED_TO_DOCKER_BRIDGE",
  "NOMAD_NODE_UNSCHEDULABLE",
  "HOST_FIREWALL_NOT_READ",
  // Last: a finding about load never outranks what is wrong with the client.
  "COLLECT_SLOW",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The contract's verdicts, in its order; VERDICT_RANK orders them worst first. */
export const VERDICTS = ["ok", "degraded", "broken", "unknown"] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_RANK: Readonly<Record<Verdict, number>> = { broken: 0, unknown: 1, degraded: 2, ok: 3 };
export const VERDICTS_WORST_FIRST: readonly Verdict[] = [...VERDICTS].sort((a, b) => VERDICT_RANK[a] - VERDICT_RANK[b]);

export const ADVERTISED_IP_SOURCES = ["override", "metadata", "none"] as const;
export type AdvertisedIpSource = (typeof ADVERTISED_IP_SOURCES)[number];

export const findingSchema = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  /** Quotes the evidence: file content (escaped), HTTP statuses, port counts and ranges. */
  detail: z.string(),
  /** What to change, in CircleCI Server's terms. */
  remediation: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export type ProbeOutcome =
  { readonly kind: "probed"; readonly result: ProbeResult } | { readonly kind: "skipped"; readonly skipped: ProbeSkipped };

/** Everything the engine learned about one client; the input of diagnosis. */
export interface ClientObservation {
  readonly target: Target;
  readonly collect: CollectOutcome;
  readonly probe: ProbeOutcome;
  /** Vantage, services and VM paths, when the inventory configures them. */
  readonly reach?: ReachObservation;
  /** The client's own Nomad agent, firewall and routes (a second command over the same session). */
  readonly host?: HostChecksOutcome;
}

export interface DiagnoseContext {
  readonly serverVersion: string;
  readonly rerunPorts: PortRange;
  /** Whether the inventory set rerun.ports (then Podman clients are probed on it too). */
  readonly rerunPortsExplicit: boolean;
  readonly podmanPorts: PortRange;
  /** server-terraform's module version (inventory server.terraformModule), when the admin names it. */
  readonly terraformModule?: string;
  /** inventory users.cidrs: the users' networks the clients' firewalls and routes are checked against. */
  readonly users?: readonly string[] | null;
  /** inventory probe.allowCidrs: networks the admin declares theirs and public, documentation ranges included. */
  readonly publicCidrs?: readonly string[];
  /** Each of `users` with where it came from (inventory users.cidrs, or the address a user probe's upload came from). */
  readonly usersNetworks?: readonly UsersNetwork[];
}

export interface ClientDiagnosis {
  readonly advertisedIp: string | null;
  readonly advertisedIpSource: AdvertisedIpSource;
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
  /** With vantages configured: where users' reruns fail from ("dashboard" and usable vantages' names). */
  readonly rerunsFailFrom?: readonly string[];
}
