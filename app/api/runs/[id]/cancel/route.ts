import { runParamsSchema } from "@/lib/api/schema";
import { handle, parseParams } from "@/lib/server/http-errors";
import { cancelRun } from "@/lib/server/run-manager";
import { requireAdmin } from "@/lib/server/require-admin";

export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  await requireAdmin(request);
  cancelRun((await parseParams(runParamsSchema, params, "no such run")).id);
  return Response.json({ ok: true }, { status: 202, headers: { "Cache-Control": "no-store" } });
});
