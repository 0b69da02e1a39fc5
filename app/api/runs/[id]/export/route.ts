import type { NextRequest } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/common/app-error";
import { handle } from "@/lib/server/http-errors";
import { getRunView } from "@/lib/server/run-views";
import { exportFormatSchema, exportResponse } from "@/lib/server/shares-http";

export const dynamic = "force-dynamic";

/** GET ?format=markdown|json → the run's report as an attachment. */
export const GET = handle(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) throw new AppError("not_found", "no such run");
  const format = exportFormatSchema.safeParse(request.nextUrl.searchParams.get("format") ?? "markdown");
  if (!format.success) throw new AppError("invalid_input", "format must be markdown or json");
  return exportResponse(getRunView(id.data).report, format.data, { "Cache-Control": "no-store" });
});
