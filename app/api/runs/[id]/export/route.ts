import type { NextRequest } from "next/server";
import { runParamsSchema } from "@/lib/api/schema";
import { handle, parseParams } from "@/lib/server/http-errors";
import { getRunView } from "@/lib/server/run-views";
import { requireAdmin } from "@/lib/server/require-admin";
import { exportFormatSchema, exportResponse } from "@/lib/server/shares-http";

export const dynamic = "force-dynamic";

/** GET ?format=markdown|json → the run's report as an attachment. */
export const GET = handle(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  await requireAdmin(request);
  const { id } = await parseParams(runParamsSchema, params, "no such run");
  const format = exportFormatSchema.parse(request.nextUrl.searchParams.get("format") ?? "markdown");
  return exportResponse(getRunView(id).report, format, { "Cache-Control": "no-store" });
});
