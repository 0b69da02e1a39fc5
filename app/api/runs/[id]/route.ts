import { runParamsSchema } from "@/lib/api/schema";
import { handle, parseParams } from "@/lib/server/http-errors";
import { runViewJson } from "@/lib/server/run-views";
import { requireAdmin } from "@/lib/server/require-admin";

export const dynamic = "force-dynamic";

/** The run, with its version as the ETag: a poller that sends it back gets 304 until something changed. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  await requireAdmin(request);
  const { id } = await parseParams(runParamsSchema, params, "no such run");
  const view = runViewJson(id);
  const etag = `"${view.version}"`;
  const headers = { ETag: etag, "Cache-Control": "no-store" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(view.json(), { status: 200, headers: { ...headers, "Content-Type": "application/json" } });
});
