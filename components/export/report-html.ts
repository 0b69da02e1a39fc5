import type { Finding } from "@/lib/diagnose/types";
import { VERDICTS_WORST_FIRST } from "@/lib/diagnose/types";
import { worstFirst } from "@/lib/report/order";
import type { Report } from "@/lib/report/schema";
import { EXPORT_CSP } from "@/lib/server/security-headers";
import { exportDiagram } from "./export-diagram";
import { exportMatrix } from "./export-matrix";
import { EXPORT_CSS } from "./export-style";
import { markup, Html } from "./html";

export { EXPORT_CSP };

const findingBlock = (f: Finding): Html =>
  markup`<div class="finding ${f.severity}" data-code="${f.code}">
    <div><span class="code">${f.code}</span> (${f.severity}) ${f.title}</div>
    <pre class="small">${f.detail}</pre>
    <div><strong>Fix:</strong> ${f.remediation}</div>
  </div>`;

function vantageList(report: Report): Html {
  const vantages = report.vantages ?? [];
  if (vantages.length === 0) return markup``;
  const words = (v: (typeof vantages)[number]) =>
    (v.kind === "users"
      ? `the users' network, seen as ${v.host}, reported ${v.reportedAt ?? "?"} with ${v.tool ?? "?"}`
      : `over SSH to ${v.host}`) + (v.usable ? "" : ` (unusable: ${v.reason ?? "?"})`);
  const items = vantages.map((v) => markup`<li data-vantage-status="${v.name}">${v.name}: ${words(v)}</li>`);
  return markup`<h2>Vantages</h2><ul>${items}</ul>`;
}

/**
 * One self-contained HTML file for a support ticket: inline CSS, an inline SVG figure, the matrix as a
 * table, every finding with its fix. No script and no URL it could load; every value is escaped text.
 */
export function renderReportHtml(report: Report, options: { redacted: boolean; status: string }): string {
  const counts = VERDICTS_WORST_FIRST.map((v) => `${report.clients.filter((c) => c.verdict === v).length} ${v}`).join(", ");
  const doc = markup`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}" />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${`Rerun Doctor report ${report.runId}`}</title>
        <style>
          ${new Html(EXPORT_CSS)}
        </style>
      </head>
      <body data-redacted="${options.redacted ? "yes" : "no"}">
        <h1>Rerun Doctor report</h1>
        <p class="meta">
          Run ${report.runId} (${options.status}), ${report.startedAt} – ${report.finishedAt ?? "not finished"} · CircleCI Server
          ${report.inventory.serverVersion}, rerun ports ${report.inventory.rerunPorts.from}–${report.inventory.rerunPorts.to} ·
          ${options.redacted ? "names and addresses replaced by aliases" : "not redacted: holds the fleet's names and addresses"}
        </p>
        <p data-testid="verdict-counts">${report.clients.length} clients: ${counts}</p>
        ${exportDiagram(report)}
        <h2>Reachability matrix</h2>
        ${exportMatrix(report)} ${vantageList(report)}
        ${
          report.findings && report.findings.length > 0
            ? markup`<h2>Findings about the run</h2>
                ${worstFirst(report.findings).map(findingBlock)}`
            : ""
        }
        <h2>Clients</h2>
        ${report.clients.map(
          (c, i) =>
            markup`<section id="client-${i + 1}" data-client-section="${c.name}">
              <h3>${c.name} <span class="verdict v-${c.verdict}">${c.verdict}</span></h3>
              <p class="small">${`${c.host}:${c.port} · advertises ${c.advertisedIp ?? "nothing"} (${c.advertisedIpSource})`}</p>
              ${c.findings.length === 0 ? markup`<p class="small">No findings.</p>` : worstFirst(c.findings).map(findingBlock)}
            </section>`,
        )}
        <p class="small">Written by Rerun Doctor. This file loads nothing and runs no script: it reads the same offline.</p>
      </body>
    </html> `;
  return doc.markup;
}
