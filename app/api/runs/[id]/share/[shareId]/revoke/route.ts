import { runIdSchema, shareIdSchema } from "@/lib/api/schema";
import { z } from "zod";
import { handle, parseParams } from "@/lib/server/http-errors";
import { revokeShareLink } from "@/lib/server/shares";

const paramsSchema = z.object({ id: runIdSchema, shareId: shareIdSchema });

/** POST → { ok: true }: the link stops working at once; revoking twice is fine. */
export const POST = handle(async (_request: Request, { params }: { params: Promise<{ id: string; shareId: string }> }) => {
  const { id, shareId } = await parseParams(paramsSchema, params, "no such share link for this run");
  revokeShareLink(id, shareId);
  return Response.json({ ok: true });
});
