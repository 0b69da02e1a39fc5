import { z } from "zod";
import { alertsSchema, scheduleSchema } from "./watch-schema";

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const PORT_RANGE = /^(\d{1,5})\s*-\s*(\d{1,5})$/;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** A host name or an IP address: nothing a shell or ssh could read as an option or a command. */
export const isHost = (text: string): boolean => text.length <= 253 && HOST.test(text) && !text.startsWith("-");

const host = z.string({ error: "required" }).trim().min(1, "required").max(253).regex(HOST, "must be a host name or an IP address");
const port = z
  .number({ error: "must be a port number" })
  .int("must be a whole number")
  .min(1, "must be from 1 to 65535")
  .max(65535, "must be from 1 to 65535")
  .default(22);
const user = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._][A-Za-z0-9._-]*$/, "must be a user name");

export const portRangeSchema = z.union([z.string(), z.number().int()]).transform((value, ctx) => {
  const text = String(value).trim();
  const match = PORT_RANGE.exec(text) ?? /^(\d{1,5})$/.exec(text);
  const from = Number(match?.[1]);
  const to = Number(match?.[2] ?? match?.[1]);
  if (!match || from < 1 || to > 65535 || from > to) {
    ctx.addIssue({ code: "custom", message: `must be a port range like 64535-65535, got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return { from, to };
});

const cidr = z.string().refine((text) => {
  const m = CIDR.exec(text);
  return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}, "must be an IPv4 CIDR like 10.0.0.0/16");

const nomadAddress = z.url({ protocol: /^https?$/ });
/** Each users CIDR costs one `ip route get` per client: a bounded list. */
export const MAX_USER_CIDRS = 8;

export const inventoryFileSchema = z.object({
  ssh: z.object({
    user: user.default("ubuntu"),
    identityFile: z.string().min(1).optional(),
    passphraseEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
      .optional(),
    useAgent: z.boolean({ error: "must be true or false" }).optional(),
    knownHostsFile: z.string().min(1).default("~/.ssh/known_hosts"),
    hostKeyPolicy: z.enum(["strict", "accept-new"]).default("strict"),
    jumpHost: z.object({ host, port, user: user.optional() }).optional(),
    connectTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    commandTimeoutMs: z.number().int().min(100).max(300_000).optional(),
  }),
  rerun: z.object({ ports: portRangeSchema.optional(), podmanPorts: portRangeSchema.optional() }).optional(),
  server: z
    .object({
      version: z
        .union([z.string(), z.number()])
        .transform(String)
        .pipe(z.string().regex(/^\d+(\.\d+){0,2}$/, "must be a version like 4.8"))
        .optional(),
      /** server-terraform's nomad-aws module tag the clients were built with: names the IMDSv2 cause of an empty override. */
      terraformModule: z
        .union([z.string(), z.number()])
        .transform(String)
        .pipe(z.string().regex(/^v?\d+\.\d+(\.\d+)?$/, "must be a module version like 4.9.0"))
        .optional(),
    })
    .optional(),
  probe: z.object({ allowCidrs: z.array(cidr).default([]) }).optional(),
  clients: z
    .array(
      z.object({
        name: z.string({ error: "required" }).regex(NAME, "must be letters, digits, '.', '_' or '-'"),
        host,
        port,
        user: user.optional(),
        /** Podman clients publish reruns on their own range; only the inventory says which runtime a client has. */
        runtime: z.enum(["docker", "podman"]).optional(),
      }),
    )
    .default([]),
  vantages: z
    .array(
      z.object({
        name: z.string({ error: "required" }).regex(NAME, "must be letters, digits, '.', '_' or '-'"),
        host,
        port,
        user: user.optional(),
        check: z.object({ host, port }).optional(),
      }),
    )
    .default([]),
  services: z.object({ host }).optional(),
  /** The users' source networks (data only, never probed): checked against each client's firewall and routes. */
  users: z
    .object({ cidrs: z.array(cidr).min(1, "list at least one CIDR").max(MAX_USER_CIDRS, `at most ${MAX_USER_CIDRS} CIDRs`) })
    .optional(),
  machines: z
    .array(z.object({ name: z.string({ error: "required" }).regex(NAME, "must be letters, digits, '.', '_' or '-'"), host }))
    .default([]),
  nomad: z
    .object({
      address: nomadAddress.optional(),
      /** Discovery through this inventory client's local Nomad agent (over its SSH session), when the server API is unreachable. */
      via: z.string().regex(NAME, "must be the name of a client in clients").optional(),
      tokenEnv: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
        .optional(),
      caFile: z.string().optional(),
      allowCidrs: z.array(cidr).default([]),
      maxNodes: z.number().int().min(1).max(10_000).default(500),
    })
    .refine((n) => n.address !== undefined || n.via !== undefined, "set nomad.address, nomad.via or both")
    .optional(),
  /** Watching the fleet (issue 16): scheduled runs and alerts on change. */
  schedule: scheduleSchema.optional(),
  alerts: alertsSchema.optional(),
});

export type InventoryFile = z.infer<typeof inventoryFileSchema>;
