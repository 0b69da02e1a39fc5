import { z } from "zod";
import { FINDING_CODES } from "../diagnose/types";

/** The report contract (DESIGN.md): extend it, never break it. */
export const findingSchema = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(["error", "warning", "info"]),
  title: z.string(),
  detail: z.string(),
  remediation: z.string(),
});

export const portCountsSchema = z.object({
  open: z.number().int().nonnegative(),
  closed: z.number().int().nonnegative(),
  filtered: z.number().int().nonnegative(),
});

export const portRunSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  state: z.enum(["open", "closed", "filtered"]),
  reason: z.string(),
});

export const nomadFingerprintSchema = z.object({
  id: z.string(),
  name: z.string(),
  publicIpv4: z.string().nullable(),
  localIpv4: z.string().nullable(),
  instanceId: z.string().nullable(),
});

export const nomadDiscoverySchema = z.object({
  address: z.string(),
  error: z.string().nullable(),
  nodes: z.array(
    z.object({
      name: z.string(),
      address: z.string(),
      status: z.string(),
      drain: z.boolean(),
      eligibility: z.string(),
      skipped: z.string().nullable(),
      inventoryName: z.string().nullable(),
    }),
  ),
});

const stateSchema = z.enum(["open", "closed", "filtered"]);

/** One vantage's view of a client's rerun range (extension). */
export const vantageClientSchema = z.object({
  name: z.string(),
  usable: z.boolean(),
  /** Why the vantage is unusable, or why this client was not probed from it. */
  reason: z.string().nullable(),
  address: z.string().nullable(),
  counts: portCountsSchema,
  runs: z.array(portRunSchema),
  probed: z.number().int().nonnegative(),
  rangeSize: z.number().int().nonnegative(),
});

/** A services or VM port probed from the client over its own SSH session (extension). */
export const pathReportSchema = z.object({
  kind: z.enum(["services", "vm"]),
  target: z.string(),
  host: z.string(),
  port: z.number().int(),
  purpose: z.string(),
  state: stateSchema,
  reason: z.string(),
});

export const vantageStatusSchema = z.object({ name: z.string(), host: z.string(), check: z.string().nullable(), usable: z.boolean(), reason: z.string().nullable() });

export const machineReportSchema = z.object({
  name: z.string(),
  host: z.string(),
  from: z.array(z.object({ source: z.string(), usable: z.boolean(), state: stateSchema.nullable(), reason: z.string().nullable() })),
});

/** How the inspection went, step by step (extension): slow is reported, never mistaken for broken. */
export const collectTimingsSchema = z.object({
  tcpMs: z.number().nullable(),
  bannerMs: z.number().nullable(),
  loginMs: z.number().nullable(),
  attempts: z.union([z.literal(1), z.literal(2)]),
  retried: z.string().nullable(),
  commandMs: z.number().nullable(),
  idleBudgetMs: z.number().nullable(),
  steps: z.array(z.object({ name: z.string(), ms: z.number() })),
});

export const clientReportSchema = z.object({
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  verdict: z.enum(["ok", "degraded", "broken", "unknown"]),
  advertisedIp: z.string().nullable(),
  advertisedIpSource: z.enum(["override", "metadata", "none"]),
  ports: portCountsSchema,
  findings: z.array(findingSchema),
  /** Extensions beyond the contract's minimum. */
  probedAddress: z.string().nullable(),
  portRuns: z.array(portRunSchema),
  banners: z.array(z.object({ port: z.number().int(), banner: z.string() })),
  hostKeyFingerprint: z.string().nullable(),
  facts: z
    .object({
      hostname: z.string(),
      override: z.object({
        exists: z.boolean(),
        size: z.number().nullable(),
        mtime: z.string().nullable(),
        contentBase64: z.string(),
        truncated: z.boolean(),
      }),
      imds: z.object({
        tokenStatus: z.number().nullable(),
        tokenlessStatus: z.number().nullable(),
        publicIpv4: z.object({ status: z.number().nullable(), value: z.string().nullable() }),
        localIpv4: z.object({ status: z.number().nullable(), value: z.string().nullable() }),
        instanceId: z.object({ status: z.number().nullable(), value: z.string().nullable() }),
        availabilityZone: z.object({ status: z.number().nullable(), value: z.string().nullable() }),
      }),
      interfaces: z.array(z.string()),
      listeningPorts: z.array(z.number().int()),
      runtime: z.enum(["docker", "podman", "none"]),
      httpTool: z.enum(["curl", "wget", "none"]),
      warnings: z.array(z.string()),
    })
    .nullable(),
  durationMs: z.number().nonnegative(),
  timings: collectTimingsSchema.optional(),
  /** Where the client came from, and what Nomad fingerprinted for it (extensions). */
  source: z.enum(["inventory", "nomad"]).optional(),
  nomad: nomadFingerprintSchema.nullable().optional(),
  /** The rerun range probed for this client when it differs from the inventory's (Podman). */
  rerunPorts: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
  vantages: z.array(vantageClientSchema).optional(),
  paths: z.array(pathReportSchema).optional(),
  /** Why `paths` is empty although services or machines are configured. */
  pathsNote: z.string().nullable().optional(),
  /** Where users' reruns fail from: "dashboard" and the names of usable vantages. */
  rerunsFailFrom: z.array(z.string()).optional(),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(1),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  inventory: z.object({ serverVersion: z.string(), rerunPorts: z.object({ from: z.number(), to: z.number() }) }),
  clients: z.array(clientReportSchema),
  /** Nomad discovery, when the inventory has a nomad: section (extension). */
  nomad: nomadDiscoverySchema.nullable().optional(),
  /** Vantages, machine-job VMs and the findings about them that belong to no one client (extensions). */
  vantages: z.array(vantageStatusSchema).optional(),
  machines: z.array(machineReportSchema).optional(),
  findings: z.array(findingSchema).optional(),
});

export type Report = z.infer<typeof reportSchema>;
export type ClientReport = z.infer<typeof clientReportSchema>;
export type PortRun = z.infer<typeof portRunSchema>;
export type VantageClientReport = z.infer<typeof vantageClientSchema>;
export type PathReport = z.infer<typeof pathReportSchema>;
export type MachineReport = z.infer<typeof machineReportSchema>;
export type VantageStatusReport = z.infer<typeof vantageStatusSchema>;
export type NomadDiscoveryReport = z.infer<typeof nomadDiscoverySchema>;
