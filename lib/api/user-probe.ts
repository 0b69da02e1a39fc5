import { z } from "zod";
import { MAX_USER_PROBE_TTL_HOURS, USER_PROBE_LABEL, userProbeInfoSchema, type UserProbeInfo } from "../store/user-probe-types";

export { userProbeInfoSchema, type UserProbeInfo };

/** POST /api/runs/:id/user-probes { label, ttlHours? } → 201 UserProbeCreated. */
export const createUserProbeSchema = z
  .object({
    label: z.string().trim().regex(USER_PROBE_LABEL, "1-64 letters, digits, spaces and ._:#/@()-, starting with a letter or digit"),
    ttlHours: z.number().int().min(1).max(MAX_USER_PROBE_TTL_HOURS).optional(),
    /** Only this client's address and ports (asked from its page). */
    client: z.string().min(1).max(256).optional(),
  })
  .strict();

/** The scripts and commands embed the upload token: shown once, at creation. */
export const userProbeCreatedSchema = z.object({
  id: z.string(),
  label: z.string(),
  expiresAt: z.string(),
  targets: z.number().int(),
  scripts: z.object({ sh: z.string(), ps1: z.string() }),
  commands: z.object({ sh: z.string(), shReadFirst: z.string(), ps1: z.string(), ps1ReadFirst: z.string() }),
});
export type UserProbeCreated = z.infer<typeof userProbeCreatedSchema>;
export const userProbeListSchema = z.object({ probes: z.array(userProbeInfoSchema) });
export const userProbeIdSchema = z.string().regex(/^[0-9a-f]{16}$/);
/** The public files of one probe request. */
export const userProbeFileSchema = z.enum(["script.sh", "script.ps1", "targets", "results"]);
