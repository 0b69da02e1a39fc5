import type { Attempt, SessionTimings } from "../ssh/patience";
import type { SessionFailure } from "../ssh/types";
import type { StepTiming } from "./step-timings";

/** One IMDS item: `status` is the HTTP status, or null when metadata gave no answer. */
export interface ImdsItem {
  readonly status: number | null;
  readonly value: string | null;
}

export interface ImdsFacts {
  /** PUT /latest/api/token: HTTP status, or null for no answer. */
  readonly tokenStatus: number | null;
  /** GET public-ipv4 without a token: 401 means IMDSv2 is required. */
  readonly tokenlessStatus: number | null;
  readonly publicIpv4: ImdsItem;
  readonly localIpv4: ImdsItem;
  readonly instanceId: ImdsItem;
  readonly availabilityZone: ImdsItem;
}

export interface OverrideFacts {
  readonly exists: boolean;
  /** Size in bytes as stat reports it, even when the content read was truncated. */
  readonly size: number | null;
  readonly mtime: string | null;
  /** Raw bytes read (bounded), base64 so binary survives JSON. */
  readonly contentBase64: string;
  readonly truncated: boolean;
}

export type ContainerRuntime = "docker" | "podman" | "none";

export interface ClientFacts {
  readonly hostname: string;
  readonly override: OverrideFacts;
  readonly imds: ImdsFacts;
  readonly interfaces: readonly string[];
  readonly listeningPorts: readonly number[];
  readonly runtime: ContainerRuntime;
  readonly httpTool: "curl" | "wget" | "none";
  /** Non-fatal oddities met while collecting, in words. */
  readonly warnings: readonly string[];
}

/** How the inspection went, step by step, in ms (null where a step was not reached). */
export interface CollectTimings extends SessionTimings {
  /** 2 when the first attempt went silent and was retried with doubled patience. */
  readonly attempts: Attempt;
  /** What the first attempt timed out on, in words; null without a retry. */
  readonly retried: string | null;
  readonly commandMs: number | null;
  /** The silence the command was allowed, from the login's measured time. */
  readonly idleBudgetMs: number | null;
  readonly steps: readonly StepTiming[];
}

export type CollectOutcome =
  | { readonly kind: "collected"; readonly hostKeyFingerprint: string; readonly facts: ClientFacts; readonly durationMs: number; readonly timings?: CollectTimings }
  | { readonly kind: "session-failed"; readonly failure: SessionFailure; readonly durationMs: number; readonly timings?: CollectTimings }
  | { readonly kind: "collect-failed"; readonly hostKeyFingerprint: string; readonly message: string; readonly durationMs: number; readonly timings?: CollectTimings };
