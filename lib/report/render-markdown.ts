import { advertisedIpCell, portsCell, topFindingCell } from "./summary-cells";
import { worstFirst, verdictSummary } from "./order";
import { escapeMarkdown as md } from "./sanitize";
import type { ClientReport, Report } from "./schema";

const SEVERITY_LABEL = { error: "Error", warning: "Warning", info: "Info" } as const;

function clientTable(clients: readonly ClientReport[]): string[] {
  const header = "| Client | Host | Verdict | Advertised IP | Ports open/closed/filtered | Top finding |";
  const rows = clients.map(
    (client) =>
      `| ${md(client.name)} | ${md(`${client.host}:${client.port}`)} | ${md(client.verdict)} | ` +
      `${md(advertisedIpCell(client))} | ${md(portsCell(client))} | ${md(topFindingCell(client))} |`,
  );
  return [header, "|---|---|---|---|---|---|", ...rows];
}

function clientSection(client: ClientReport): string[] {
  const lines = [`### ${md(client.name)}: ${md(client.verdict)}`, ""];
  for (const finding of worstFirst(client.findings)) {
    lines.push(
      `**${SEVERITY_LABEL[finding.severity]}, \`${finding.code}\`: ${md(finding.title)}**`,
      "",
      md(finding.detail),
      "",
      `*Remediation:* ${md(finding.remediation)}`,
      "",
    );
  }
  return lines;
}

/** A report ready to paste into a support ticket; every remote-derived value is escaped. */
export function renderMarkdown(report: Report): string {
  const { serverVersion, rerunPorts } = report.inventory;
  const lines = [
    `# Rerun Doctor report ${md(report.runId)}`,
    "",
    `- Started: ${md(report.startedAt)}`,
    `- Finished: ${report.finishedAt === null ? "still running" : md(report.finishedAt)}`,
    `- CircleCI Server ${md(serverVersion)}, rerun ports ${rerunPorts.from}–${rerunPorts.to}`,
    `- ${md(verdictSummary(report.clients))}`,
    "",
    ...clientTable(report.clients),
    "",
  ];
  const withFindings = report.clients.filter((client) => client.findings.length > 0);
  if (withFindings.length > 0) lines.push("## Findings", "", ...withFindings.flatMap(clientSection));
  return `${lines.join("\n").trimEnd()}\n`;
}
