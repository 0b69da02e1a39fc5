import { z } from "zod";
import { AppError } from "@/lib/common/app-error";
import { handle } from "@/lib/server/http-errors";
import { runViewJson } from "@/lib/server/run-views";

export const dynamic = "force-dynamic";

const runIdSchema = z.uuid();

/** The run, with its version as the ETag: a poller that sends it back gets 304 until something changed. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = runIdSchema.safeParse((await params).id);
  if (!id.success) throw new AppError("not_found", "no such run");
  const view = runViewJson(id.data);
  const etag = `"${view.version}"`;
  const headers = { ETag: etag, "Cache-Control": "no-cache" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(view.json(), { status: 200, headers: { ...headers, "Content-Type": "application/json" } });
});
