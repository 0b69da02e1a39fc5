import { z } from "zod";
import { AppError } from "@/lib/common/app-error";
import { handle } from "@/lib/server/http-errors";
import { revokeShareLink } from "@/lib/server/shares";

const paramsSchema = z.object({ id: z.uuid(), shareId: z.string().regex(/^[0-9a-f]{16}$/) });

/** POST → { ok: true }: the link stops working at once; revoking twice is fine. */
export const POST = handle(async (_request: Request, { params }: { params: Promise<{ id: string; shareId: string }> }) => {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) throw new AppError("not_found", "no such share link for this run");
  revokeShareLink(parsed.data.id, parsed.data.shareId);
  return Response.json({ ok: true });
});
