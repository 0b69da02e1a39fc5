import { z } from "zod";
import { USER_PROBE_TOOLS } from "../report/user-probe-tools";

export const DEFAULT_USER_PROBE_TTL_HOURS = 24;
export const MAX_USER_PROBE_TTL_HOURS = 24 * 7;
export const USER_PROBE_ID_LENGTH = 16;
/** 32 random bytes in base64url, without padding: only these ever reach the database's lookup. */
export const USER_PROBE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** A ticket id or a few words: printable ASCII only, since it becomes a vantage's name. */
export const USER_PROBE_LABEL = /^[A-Za-z0-9][A-Za-z0-9 ._:#/@()-]{0,63}$/;

/** A probe request as listed to the admin: never the token, only a prefix of its hash. */
export const userProbeInfoSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  label: z.string(),
  targets: z.number().int(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
  reportedAt: z.string().nullable(),
  source: z.string().nullable(),
  tool: z.enum(USER_PROBE_TOOLS).nullable(),
  results: z.number().int(),
  uploads: z.number().int(),
});
export type UserProbeInfo = z.infer<typeof userProbeInfoSchema>;
