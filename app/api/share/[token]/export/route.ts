import type { NextRequest } from "next/server";
import { z } from "zod";
import { handle } from "@/lib/server/http-errors";
import { sharedRun } from "@/lib/server/shares";
import { exportFormatSchema, exportResponse, SHARE_HEADERS } from "@/lib/server/shares-http";
import { htmlExportResponse } from "@/components/export/html-response";

export const dynamic = "force-dynamic";

const formatSchema = z.union([exportFormatSchema, z.literal("html")]);

/** GET ?format=markdown|json|html → the shared report (redacted when the link says so) as an attachment. */
export const GET = handle(async (request: NextRequest, { params }: { params: Promise<{ token: string }> }) => {
  const { report, redacted, status } = sharedRun((await params).token);
  const format = formatSchema.parse(request.nextUrl.searchParams.get("format") ?? "markdown");
  if (format === "html") return htmlExportResponse(report, { redacted, status }, SHARE_HEADERS);
  return exportResponse(report, format, SHARE_HEADERS);
});
