import type { NextRequest } from "next/server";
import { AppError } from "@/lib/common/app-error";
import { handle } from "@/lib/server/http-errors";
import { checkMetricsAccess } from "@/lib/server/metrics-auth";
import { renderMetrics } from "@/lib/server/watch/metrics";

export const dynamic = "force-dynamic";

const CODES = { 401: "unauthorized", 403: "forbidden", 429: "rate_limited" } as const;

/** Prometheus scrape: the admin token or RERUN_DOCTOR_METRICS_TOKEN as Bearer (checked again after proxy.ts). */
export const GET = handle(async (request: NextRequest) => {
  const check = await checkMetricsAccess(request);
  if (!check.ok) throw new AppError(CODES[check.status], check.message);
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});
