import { runIdSchema, shareIdSchema } from "@/lib/api/schema";
import { z } from "zod";
import { handle, parseParams } from "@/lib/server/http-errors";
import { revokeShareLink } from "@/lib/server/shares";
import { requireAdmin } from "@/lib/server/require-admin";

const paramsSchema = z.object({ id: runIdSchema, shareId: shareIdSchema });

/** POST → { ok: true }: the link stops working at once; revoking twice is fine. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string; shareId: string }> }) => {
  await requireAdmin(request);
  const { id, shareId } = await parseParams(paramsSchema, params, "no such share link for this run");
  revokeShareLink(id, shareId);
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
});
