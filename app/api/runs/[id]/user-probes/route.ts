import type { NextRequest } from "next/server";
import { runParamsSchema } from "@/lib/api/schema";
import { createUserProbeSchema } from "@/lib/api/user-probe";
import { handle, parseBody, parseParams } from "@/lib/server/http-errors";
import { requireAdmin } from "@/lib/server/require-admin";
import { requestOrigin } from "@/lib/server/shares-http";
import { createUserProbe, listUserProbes } from "@/lib/server/user-probes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** POST { label, ttlHours? } → 201: a probe request for users, with its scripts and one-line commands (shown once). */
export const POST = handle(async (request: NextRequest, { params }: Context) => {
  await requireAdmin(request);
  const { id } = await parseParams(runParamsSchema, params, "no such run");
  const body = await parseBody(request, createUserProbeSchema);
  return Response.json(createUserProbe(id, body, requestOrigin(request)), { status: 201, headers: { "Cache-Control": "no-store" } });
});

/** GET → { probes }: the run's user probe requests and what each reported, without their tokens. */
export const GET = handle(async (request: NextRequest, { params }: Context) => {
  await requireAdmin(request);
  const { id } = await parseParams(runParamsSchema, params, "no such run");
  return Response.json({ probes: listUserProbes(id) }, { headers: { "Cache-Control": "no-store" } });
});
