import { describe, expect, it } from "vitest";
import { makeObservation, makeTarget, portProbes, probed } from "@/lib/diagnose/test-fixtures";
import { redactReport } from "@/lib/report/redact";
import { HOSTILE_NAME, reportOf } from "@/lib/report/test-fixtures";
import { withUserVantages } from "@/lib/report/user-vantage";
import { EXPORT_CSP, renderReportHtml } from "./report-html";
import { esc } from "./html";

const base = reportOf([
  makeObservation({
    target: makeTarget({ name: HOSTILE_NAME, host: "198.51.100.11" }),
    probe: probed(
      portProbes(() => "filtered"),
      "198.51.100.131",
    ),
  }),
  makeObservation({
    target: makeTarget({ name: "healthy", host: "198.51.100.12" }),
    probe: probed(
      portProbes(() => "closed"),
      "198.51.100.132",
    ),
  }),
]);
const report = withUserVantages(base, [
  {
    label: "T-<b>1</b>",
    source: "198.51.100.77",
    reportedAt: "2026-12-02T09:00:00.000Z",
    tool: "bash",
    results: [{ ip: "198.51.100.132", port: 64535, state: "filtered", reason: "no-response" }],
  },
]);

describe("the HTML export", () => {
  const page = renderReportHtml(report, { redacted: false, status: "done" });

  it("is one file that can load nothing: no script, no URL, no external reference, and a CSP that forbids every load", () => {
    // URLs may appear as text (a remediation quotes a curl command), never where a browser would load or follow them.
    expect(page).not.toMatch(/<script|<link|<iframe|<img|<object|<embed|<form|url\(|\b(?:src|href|action|srcset)\s*=\s*"(?!#)/i);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${esc(EXPORT_CSP)}" />`);
    expect(EXPORT_CSP).toContain("default-src 'none'");
  });

  it("shows every client's verdict, the figure and the users vantage, with hostile names as text", () => {
    for (const c of report.clients) expect(page).toContain(`data-verdict="${c.verdict}"`);
    expect(report.clients.map((c) => c.verdict)).toEqual(["broken", "broken"]);
    expect(page).toContain('data-arrow="rerun-ports"');
    expect(page).toContain(esc("users (reported by T-<b>1</b>)"));
    expect(page).not.toContain("<b>1</b>");
    expect(page).toContain(esc("evil"));
    expect(page).not.toContain("\u001b");
    expect(page).toContain("\\x1b[31m");
    expect(page).toContain("RERUN_PORTS_FILTERED_FROM_USERS");
  });

  it("holds no address or name of the fleet when redacted", () => {
    const redacted = renderReportHtml(redactReport(report), { redacted: true, status: "done" });
    for (const secret of ["198.51.100.", "healthy", "T-&lt;b&gt;1"]) expect(redacted).not.toContain(secret);
    expect(redacted).toContain('data-redacted="yes"');
  });
});
