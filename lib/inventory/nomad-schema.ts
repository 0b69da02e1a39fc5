import { z } from "zod";

/** GET /v1/nodes entries: no Attributes here (Nomad's API docs, "List Nodes"). */
export const nomadNodeStubSchema = z.object({
  ID: z.string().min(1).max(64),
  Name: z.string().max(256),
  Address: z.string().max(256),
  Status: z.string().max(32),
  Drain: z.boolean(),
  SchedulingEligibility: z.string().max(32),
});

/** GET /v1/node/:id: the fingerprinted attributes compared with what the client says now. */
export const nomadNodeSchema = nomadNodeStubSchema.extend({
  Attributes: z.record(z.string(), z.string()).nullable().default({}),
});

export type NomadNodeStub = z.infer<typeof nomadNodeStubSchema>;

export const NOMAD_ATTRIBUTES = {
  publicIpv4: "unique.platform.aws.public-ipv4",
  localIpv4: "unique.platform.aws.local-ipv4",
  instanceId: "unique.platform.aws.instance-id",
  networkIp: "unique.network.ip-address",
} as const;
