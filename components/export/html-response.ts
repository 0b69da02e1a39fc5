import type { Report } from "@/lib/report/schema";
import { EXPORT_CSP, renderReportHtml } from "./report-html";

/** The HTML export as a download; its CSP forbids every load, in the header as in the file's own meta tag. */
export function htmlExportResponse(
  report: Report,
  options: { redacted: boolean; status: string },
  headers: Readonly<Record<string, string>> = {},
): Response {
  const id = report.runId.replace(/[^A-Za-z0-9-]/g, "");
  return new Response(renderReportHtml(report, options), {
    status: 200,
    headers: {
      ...headers,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="rerun-doctor-${id}${options.redacted ? "-redacted" : ""}.html"`,
      "Content-Security-Policy": EXPORT_CSP,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
