import { z } from "zod";
import { clientFactsSchema, collectTimingsSchema } from "../collect/types";
import { PORT_REASONS, PORT_STATES, portCountsSchema, portRangeShape, portRunSchema } from "../common/ports";
import { ADVERTISED_IP_SOURCES, findingSchema, VERDICTS } from "../diagnose/types";
import { nomadDiscoverySchema } from "../inventory/types";
import { nomadFingerprintSchema } from "../inventory/types";
import { PLATFORMS } from "../diagnose/platform";
import { USER_PROBE_TOOLS } from "./user-probe-tools";

/**
 * The report contract (docs/contract.md): extend it, never break it. Each shape is declared by the
 * layer that owns it (facts by collect, findings by diagnose, ...); this file only composes them.
 */
export { findingSchema, portCountsSchema, portRunSchema, nomadFingerprintSchema, nomadDiscoverySchema, collectTimingsSchema };

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
  /** Users' probes only: ports whose tool could not tell closed from filtered, left out of `counts`. */
  undetermined: z.number().int().nonnegative().optional(),
});

/** A services or VM port probed from the client over its own SSH session (extension). */
export const pathReportSchema = z.object({
  kind: z.enum(["services", "vm"]),
  target: z.string(),
  host: z.string(),
  port: z.number().int(),
  purpose: z.string(),
  state: z.enum(PORT_STATES),
  reason: z.enum(PORT_REASONS),
});

export const vantageStatusSchema = z.object({
  name: z.string(),
  host: z.string(),
  check: z.string().nullable(),
  usable: z.boolean(),
  reason: z.string().nullable(),
  /** "users": a user probe's results posted back from the users' own network; `host` is their address as the dashboard saw it. */
  kind: z.enum(["ssh", "users"]).optional(),
  reportedAt: z.string().optional(),
  tool: z.enum(USER_PROBE_TOOLS).optional(),
});

export const machineReportSchema = z.object({
  name: z.string(),
  host: z.string(),
  from: z.array(
    z.object({ source: z.string(), usable: z.boolean(), state: z.enum(PORT_STATES).nullable(), reason: z.string().nullable() }),
  ),
});

export const clientReportSchema = z.object({
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  verdict: z.enum(VERDICTS),
  advertisedIp: z.string().nullable(),
  advertisedIpSource: z.enum(ADVERTISED_IP_SOURCES),
  ports: portCountsSchema,
  findings: z.array(findingSchema),
  /** Extensions beyond the contract's minimum. */
  probedAddress: z.string().nullable(),
  portRuns: z.array(portRunSchema),
  banners: z.array(z.object({ port: z.number().int(), banner: z.string() })),
  hostKeyFingerprint: z.string().nullable(),
  facts: clientFactsSchema.nullable(),
  /** Where the client runs, as its metadata answers show (extension; absent when it was not inspected). */
  platform: z.enum(PLATFORMS).optional(),
  durationMs: z.number().nonnegative(),
  timings: collectTimingsSchema.optional(),
  /** How long the probe of the rerun range took, after the SSH session ended (absent when not probed). */
  scanMs: z.number().nonnegative().optional(),
  /** Where the client came from, and what Nomad fingerprinted for it (extensions). */
  source: z.enum(["inventory", "nomad"]).optional(),
  nomad: nomadFingerprintSchema.nullable().optional(),
  /** The rerun range probed for this client when it differs from the inventory's (Podman). */
  rerunPorts: portRangeShape.optional(),
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
  inventory: z.object({ serverVersion: z.string(), rerunPorts: portRangeShape }),
  clients: z.array(clientReportSchema),
  /** Nomad discovery, when the inventory has a nomad: section (extension). */
  nomad: nomadDiscoverySchema.nullable().optional(),
  /** Vantages, machine-job VMs and the findings about them that belong to no one client (extensions). */
  vantages: z.array(vantageStatusSchema).optional(),
  machines: z.array(machineReportSchema).optional(),
  findings: z.array(findingSchema).optional(),
  /** The users' networks the clients' firewalls and routes were checked against; source: "inventory" or a user probe's vantage. */
  usersNetworks: z.array(z.object({ cidr: z.string(), source: z.string() })).optional(),
});

export type Report = z.infer<typeof reportSchema>;
export type ClientReport = z.infer<typeof clientReportSchema>;
export type VantageClientReport = z.infer<typeof vantageClientSchema>;
export type PathReport = z.infer<typeof pathReportSchema>;
export type MachineReport = z.infer<typeof machineReportSchema>;
export type VantageStatusReport = z.infer<typeof vantageStatusSchema>;
export type NomadDiscoveryReport = z.infer<typeof nomadDiscoverySchema>;
