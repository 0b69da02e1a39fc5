import type { Verdict } from "../diagnose/types";
import { advertisedIpCell, portsCell, topFindingCell } from "./summary-cells";
import { verdictSummary } from "./order";
import { terminalSafe, truncate } from "./sanitize";
import type { Report } from "./schema";

export interface TableOptions {
  readonly color: boolean;
}

const COLUMNS = [
  { header: "NAME", max: 32 },
  { header: "VERDICT", max: 8 },
  { header: "ADVERTISED IP", max: 34 },
  { header: "PORTS o/c/f", max: 12 },
  { header: "TOP FINDING", max: 80 },
] as const;
const VERDICT_COLUMN = 1;
const TOP_FINDING_COLUMN = 4;
const GAP = "  ";

const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  ok: "\u001b[32m",
  degraded: "\u001b[33m",
  broken: "\u001b[31m",
  unknown: "\u001b[35m",
};
const RESET = "\u001b[0m";

function padCell(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - Array.from(text).length));
}

/** A terminal table, one row per client, then a line of verdict counts. */
export function renderTable(report: Report, options: TableOptions): string {
  const rows = report.clients.map((client) => [
    ...[client.name, client.verdict, advertisedIpCell(client), portsCell(client)].map((cell, column) =>
      truncate(terminalSafe(cell), COLUMNS[column]!.max),
    ),
    topFindingCell(client, terminalSafe, COLUMNS[TOP_FINDING_COLUMN].max),
  ]);
  const widths = COLUMNS.map((column, index) => Math.max(column.header.length, ...rows.map((row) => Array.from(row[index]!).length)));
  const formatRow = (cells: readonly string[], verdict: Verdict | null) =>
    cells
      .map((cell, index) => {
        const padded = index === cells.length - 1 ? cell : padCell(cell, widths[index]!);
        return options.color && verdict && index === VERDICT_COLUMN ? `${VERDICT_COLORS[verdict]}${padded}${RESET}` : padded;
      })
      .join(GAP)
      .trimEnd();
  const lines = [
    formatRow(
      COLUMNS.map((column) => column.header),
      null,
    ),
    ...rows.map((row, index) => formatRow(row, report.clients[index]!.verdict)),
    "",
    verdictSummary(report.clients),
  ];
  return `${lines.join("\n")}\n`;
}
