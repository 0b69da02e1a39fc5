import { z } from "zod";
import type { SessionFailure } from "../ssh/types";

/** One IMDS item: `status` is the HTTP status, or null when metadata gave no answer. */
export const imdsItemSchema = z.object({ status: z.number().nullable(), value: z.string().nullable() });
export type ImdsItem = z.infer<typeof imdsItemSchema>;

export const imdsFactsSchema = z.object({
  /** PUT /latest/api/token: HTTP status, or null for no answer. */
  tokenStatus: z.number().nullable(),
  /** GET public-ipv4 without a token: 401 means IMDSv2 is required. */
  tokenlessStatus: z.number().nullable(),
  publicIpv4: imdsItemSchema,
  localIpv4: imdsItemSchema,
  instanceId: imdsItemSchema,
  availabilityZone: imdsItemSchema,
});
export type ImdsFacts = z.infer<typeof imdsFactsSchema>;

export const overrideFactsSchema = z.object({
  exists: z.boolean(),
  /** Size in bytes as stat reports it, even when the content read was truncated. */
  size: z.number().nullable(),
  mtime: z.string().nullable(),
  /** Raw bytes read (bounded), base64 so binary survives JSON. */
  contentBase64: z.string(),
  truncated: z.boolean(),
});
export type OverrideFacts = z.infer<typeof overrideFactsSchema>;

/** GCP's metadata server (Metadata-Flavor: Google): asked only when 169.254.169.254 answers, but not as AWS does. */
export const gcpFactsSchema = z.object({
  /** The answer carried the header Metadata-Flavor: Google, which only GCP's metadata server sends. */
  flavor: z.boolean(),
  externalIpStatus: z.number().nullable(),
  /** access-configs/0/external-ip: empty or 404 when the instance has no external IP. */
  externalIp: z.string().nullable(),
  internalIpStatus: z.number().nullable(),
  internalIp: z.string().nullable(),
});
export type GcpFacts = z.infer<typeof gcpFactsSchema>;

/** Azure IMDS (Metadata: true), /metadata/instance/network: interface 0's first IPv4. */
export const azureFactsSchema = z.object({
  status: z.number().nullable(),
  /** Empty for Standard-SKU public IPs even when one exists (MicrosoftDocs/azure-docs#44314). */
  publicIp: z.string().nullable(),
  privateIp: z.string().nullable(),
});
export type AzureFacts = z.infer<typeof azureFactsSchema>;

/** Which metadata services answered, beyond AWS's (extension; absent in reports made before it). */
export const cloudFactsSchema = z.object({
  /** When AWS's requests got no HTTP answer: "refused" (nothing listens, or no route) or "timeout". */
  noAnswer: z.enum(["refused", "timeout"]).nullable(),
  gcp: gcpFactsSchema.nullable(),
  azure: azureFactsSchema.nullable(),
});
export type CloudFacts = z.infer<typeof cloudFactsSchema>;

export const CONTAINER_RUNTIMES = ["docker", "podman", "none"] as const;
export type ContainerRuntime = (typeof CONTAINER_RUNTIMES)[number];

/** Everything `outer` reads on a client, as the collect script found it. */
export const clientFactsSchema = z.object({
  hostname: z.string(),
  override: overrideFactsSchema,
  imds: imdsFactsSchema,
  /** GCP, Azure and how metadata failed to answer (extension). */
  cloud: cloudFactsSchema.optional(),
  /** The client's boot time (btime of /proc/stat), to date the override against (extension). */
  bootTime: z.string().nullable().optional(),
  interfaces: z.array(z.string()),
  listeningPorts: z.array(z.number().int()),
  runtime: z.enum(CONTAINER_RUNTIMES),
  httpTool: z.enum(["curl", "wget", "none"]),
  /** Non-fatal oddities met while collecting, in words. */
  warnings: z.array(z.string()),
});
export type ClientFacts = z.infer<typeof clientFactsSchema>;

/** How the inspection went, step by step, in ms (null where a step was not reached). */
export const collectTimingsSchema = z.object({
  tcpMs: z.number().nullable(),
  bannerMs: z.number().nullable(),
  loginMs: z.number().nullable(),
  /** 2 when the first attempt went silent and was retried with doubled patience. */
  attempts: z.union([z.literal(1), z.literal(2)]),
  /** What the first attempt timed out on, in words; null without a retry. */
  retried: z.string().nullable(),
  commandMs: z.number().nullable(),
  /** The silence the command was allowed, from the login's measured time. */
  idleBudgetMs: z.number().nullable(),
  /** "start" (the shell starting), then each part of the collect script: "override", "metadata", ... */
  steps: z.array(z.object({ name: z.string(), ms: z.number() })),
});
export type CollectTimings = z.infer<typeof collectTimingsSchema>;
export type StepTiming = CollectTimings["steps"][number];

export type CollectOutcome =
  | {
      readonly kind: "collected";
      readonly hostKeyFingerprint: string;
      readonly facts: ClientFacts;
      readonly durationMs: number;
      readonly timings?: CollectTimings;
    }
  | { readonly kind: "session-failed"; readonly failure: SessionFailure; readonly durationMs: number; readonly timings?: CollectTimings }
  | {
      readonly kind: "collect-failed";
      readonly hostKeyFingerprint: string;
      readonly message: string;
      readonly durationMs: number;
      readonly timings?: CollectTimings;
    };
