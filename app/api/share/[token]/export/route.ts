import type { NextRequest } from "next/server";
import { handle } from "@/lib/server/http-errors";
import { sharedRun } from "@/lib/server/shares";
import { exportFormatSchema, exportResponse, SHARE_HEADERS } from "@/lib/server/shares-http";

export const dynamic = "force-dynamic";

/** GET ?format=markdown|json → the shared report (redacted when the link says so) as an attachment. */
export const GET = handle(async (request: NextRequest, { params }: { params: Promise<{ token: string }> }) => {
  const { report } = sharedRun((await params).token);
  const format = exportFormatSchema.parse(request.nextUrl.searchParams.get("format") ?? "markdown");
  return exportResponse(report, format, SHARE_HEADERS);
});
