import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { handle } from "@/lib/server/http-errors";
import { getRunView } from "@/lib/server/runs-api";

export const dynamic = "force-dynamic";

const runIdSchema = z.uuid();

export const GET = handle(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = runIdSchema.safeParse((await params).id);
  if (!id.success) throw new AppError("not_found", "no such run");
  return Response.json(getRunView(id.data));
});
