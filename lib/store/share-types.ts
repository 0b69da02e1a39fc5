import { z } from "zod";

/** A share link as listed to the admin: never the token, only a prefix of its hash as an id. */
export const shareInfoSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  redact: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  /** False once expired or revoked. */
  active: z.boolean(),
});

export type ShareInfo = z.infer<typeof shareInfoSchema>;

export interface ResolvedShare {
  readonly runId: string;
  readonly redact: boolean;
  readonly expiresAt: string;
}

export const SHARE_ID_LENGTH = 16;
export const DEFAULT_SHARE_TTL_DAYS = 30;
export const MAX_SHARE_TTL_DAYS = 365;
/** 32 random bytes in base64url, without padding. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
