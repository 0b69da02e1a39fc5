import type { CollectOutcome } from "../collect/types";
import type { PortRange, Target } from "../inventory/types";
import type { ProbeResult, ProbeSkipped } from "../probe/types";
import type { WideClientObservation } from "./wide-types";

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
  "RERUN_RANGE_MISMATCH",
  "SERVICES_UNREACHABLE",
  "VM_UNREACHABLE_FROM_CLIENT",
  "VM_PORT_54782_FILTERED",
  "PATHS_NOT_MEASURED",
  // Last: a finding about load never outranks what is wrong with the client.
  "COLLECT_SLOW",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** Findings about how fast a client answered: true of a moment, never what a lab scenario is about. */
export const LOAD_DEPENDENT_CODES: readonly FindingCode[] = ["COLLECT_SLOW"];

export type Severity = "error" | "warning" | "info";
export type Verdict = "ok" | "degraded" | "broken" | "unknown";
export type AdvertisedIpSource = "override" | "metadata" | "none";

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly title: string;
  /** Quotes the evidence: file content (escaped), HTTP statuses, port counts and ranges. */
  readonly detail: string;
  /** What to change, in CircleCI Server's terms. */
  readonly remediation: string;
}

export type ProbeOutcome =
  | { readonly kind: "probed"; readonly result: ProbeResult }
  | { readonly kind: "skipped"; readonly skipped: ProbeSkipped };

/** Everything the engine learned about one client; the input of diagnosis. */
export interface ClientObservation {
  readonly target: Target;
  readonly collect: CollectOutcome;
  readonly probe: ProbeOutcome;
  /** Vantage, services and VM paths, when the inventory configures them. */
  readonly wide?: WideClientObservation;
}

export interface DiagnoseContext {
  readonly serverVersion: string;
  readonly rerunPorts: PortRange;
  /** Whether the inventory set rerun.ports (then Podman clients are probed on it too). */
  readonly rerunPortsExplicit?: boolean;
  readonly podmanPorts?: PortRange;
}

export interface ClientDiagnosis {
  readonly advertisedIp: string | null;
  readonly advertisedIpSource: AdvertisedIpSource;
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
}
