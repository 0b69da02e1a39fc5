import { runParamsSchema } from "@/lib/api/schema";
import { handle, parseParams } from "@/lib/server/http-errors";
import { cancelRun } from "@/lib/server/run-manager";

export const POST = handle(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  cancelRun((await parseParams(runParamsSchema, params, "no such run")).id);
  return Response.json({ ok: true }, { status: 202 });
});
