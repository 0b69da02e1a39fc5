import { z } from "zod";
import { AppError } from "@/lib/common/app-error";
import { handle } from "@/lib/server/http-errors";
import { cancelRun } from "@/lib/server/run-manager";

export const POST = handle(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) throw new AppError("not_found", "no such run");
  cancelRun(id.data);
  return Response.json({ ok: true }, { status: 202 });
});
