import type { NextRequest } from "next/server";
import { z } from "zod";
import { runParamsSchema } from "@/lib/api/schema";
import { redactReport } from "@/lib/report/redact";
import { handle, parseParams } from "@/lib/server/http-errors";
import { getRunView } from "@/lib/server/run-views";
import { requireAdmin } from "@/lib/server/require-admin";
import { exportFormatSchema, exportResponse } from "@/lib/server/shares-http";
import { htmlExportResponse } from "@/components/export/html-response";

export const dynamic = "force-dynamic";

const formatSchema = z.union([exportFormatSchema, z.literal("html")]);

/** GET ?format=markdown|json|html[&redact=1] → the run's report as an attachment; html is one offline file for a ticket. */
export const GET = handle(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  await requireAdmin(request);
  const { id } = await parseParams(runParamsSchema, params, "no such run");
  const format = formatSchema.parse(request.nextUrl.searchParams.get("format") ?? "markdown");
  const redacted = request.nextUrl.searchParams.get("redact") === "1";
  const view = getRunView(id);
  const report = redacted ? redactReport(view.report) : view.report;
  const headers = { "Cache-Control": "no-store" };
  if (format === "html") return htmlExportResponse(report, { redacted, status: view.status }, headers);
  return exportResponse(report, format, headers);
});
