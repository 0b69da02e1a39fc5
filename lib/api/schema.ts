import { z } from "zod";
import { VERDICTS } from "../diagnose/types";
import { reportSchema } from "../report/schema";
import { RUN_ORIGINS, RUN_STATUSES, RUN_TRIGGERS } from "../store/runs-repo";
import { MAX_SHARE_TTL_DAYS, shareInfoSchema } from "../store/share-types";

/**
 * The HTTP API's shapes, once: route handlers answer with them and the dashboard's queries parse
 * with them. The report inside follows the contract (docs/contract.md).
 */
export { shareInfoSchema };

/** GET /api/runs/:id: status and report (partial while running). */
export const runViewSchema = z.object({
  status: z.enum(RUN_STATUSES),
  origin: z.enum(RUN_ORIGINS),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  /** Changes whenever the run does; also the response's ETag (extension). */
  version: z.string(),
  report: reportSchema,
});
export type RunView = z.infer<typeof runViewSchema>;

/** GET /api/runs: the newest runs with verdict counts. */
export const runListSchema = z.object({
  runs: z.array(
    z.object({
      id: z.string(),
      status: z.enum(RUN_STATUSES),
      origin: z.enum(RUN_ORIGINS),
      /** manual, or started by the schedule (extension, issue 16). */
      trigger: z.enum(RUN_TRIGGERS),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      total: z.number().int(),
      verdicts: z.record(z.enum(VERDICTS), z.number().int()),
    }),
  ),
});
export type RunList = z.infer<typeof runListSchema>;

/** POST /api/runs → 202. */
export const runStartedSchema = z.object({ id: z.uuid() });

export const runIdSchema = z.uuid();
/** The params of every /api/runs/:id route and /runs/:id page. */
export const runParamsSchema = z.object({ id: runIdSchema });

/** POST /api/runs/:id/share { redact, ttlDays? } → 201 { url, expiresAt }. */
export const createShareSchema = z.object({ redact: z.boolean(), ttlDays: z.number().int().min(1).max(MAX_SHARE_TTL_DAYS).optional() });
export const shareCreatedSchema = z.object({ url: z.url(), expiresAt: z.string() });
export const shareListSchema = z.object({ shares: z.array(shareInfoSchema) });
export const shareIdSchema = z.string().regex(/^[0-9a-f]{16}$/);

/** Every error answer: a code, a headline, and the lines behind it (an inventory's, say). */
export const errorBodySchema = z.object({ error: z.string(), message: z.string(), problems: z.array(z.string()).optional() });
