import type { NextRequest } from "next/server";
import { createShareSchema, runParamsSchema } from "@/lib/api/schema";
import { handle, parseBody, parseParams } from "@/lib/server/http-errors";
import { createShareLink, listShareLinks } from "@/lib/server/shares";
import { requestOrigin } from "@/lib/server/shares-http";
import { requireAdmin } from "@/lib/server/require-admin";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** POST { redact, ttlDays? } → 201 { url, expiresAt }: a read-only link to the run, no login needed. */
export const POST = handle(async (request: NextRequest, { params }: Context) => {
  await requireAdmin(request);
  const { id } = await parseParams(runParamsSchema, params, "no such run");
  const body = await parseBody(request, createShareSchema);
  return Response.json(createShareLink(id, body, requestOrigin(request)), { status: 201, headers: { "Cache-Control": "no-store" } });
});

/** GET → { shares: ShareInfo[] }: the run's links, newest first, without their tokens. */
export const GET = handle(async (request: NextRequest, { params }: Context) => {
  await requireAdmin(request);
  const { id } = await parseParams(runParamsSchema, params, "no such run");
  return Response.json({ shares: listShareLinks(id) }, { headers: { "Cache-Control": "no-store" } });
});
