import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { renderMarkdown } from "../report/render-markdown";
import type { Report } from "../report/schema";
import { publicOrigin } from "./public-url";

const hostSchema = z
  .string()
  .max(300)
  .regex(/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/);

/**
 * The origin the browser used: RERUN_DOCTOR_PUBLIC_URL when set, else the Host header, not
 * request.url (Next's bind address). The scheme follows X-Forwarded-Proto when a TLS proxy sets it.
 */
export function requestOrigin(request: NextRequest): string {
  const configured = publicOrigin();
  if (configured) return configured;
  const host = hostSchema.safeParse(request.headers.get("host"));
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : request.nextUrl.protocol.replace(/:$/, "");
  return `${scheme}://${host.success ? host.data : request.nextUrl.host}`;
}

/** Share responses: never cached, never indexed, never sent on as a Referer. */
export const SHARE_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
};

export const exportFormatSchema = z.enum(["markdown", "json"]);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** The report as a download: Markdown for a ticket, or the contract's JSON. */
export function exportResponse(report: Report, format: ExportFormat, headers: Readonly<Record<string, string>> = {}): Response {
  const markdown = format === "markdown";
  const body = markdown ? renderMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`;
  const filename = `rerun-doctor-${report.runId.replace(/[^A-Za-z0-9-]/g, "")}.${markdown ? "md" : "json"}`;
  return new Response(body, {
    status: 200,
    headers: {
      ...headers,
      "Content-Type": markdown ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
