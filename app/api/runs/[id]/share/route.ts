import type { NextRequest } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/common/app-error";
import { handle } from "@/lib/server/http-errors";
import { createShareLink, listShareLinks } from "@/lib/server/shares";
import { requestOrigin } from "@/lib/server/shares-http";
import { MAX_SHARE_TTL_DAYS } from "@/lib/store/share-types";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const bodySchema = z.object({ redact: z.boolean(), ttlDays: z.number().int().min(1).max(MAX_SHARE_TTL_DAYS).optional() });

async function runId(context: Context): Promise<string> {
  const id = z.uuid().safeParse((await context.params).id);
  if (!id.success) throw new AppError("not_found", "no such run");
  return id.data;
}

/** POST { redact, ttlDays? } → 201 { url, expiresAt }: a read-only link to the run, no login needed. */
export const POST = handle(async (request: NextRequest, context: Context) => {
  const id = await runId(context);
  const body = bodySchema.safeParse(await request.json().catch(() => undefined));
  if (!body.success) throw new AppError("invalid_input", "expected { redact: boolean, ttlDays?: 1..365 }");
  return Response.json(createShareLink(id, body.data, requestOrigin(request)), { status: 201, headers: { "Cache-Control": "no-store" } });
});

/** GET → { shares: ShareInfo[] }: the run's links, newest first, without their tokens. */
export const GET = handle(async (_request: NextRequest, context: Context) => {
  return Response.json({ shares: listShareLinks(await runId(context)) }, { headers: { "Cache-Control": "no-store" } });
});
