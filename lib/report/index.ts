export { buildClientReport, buildReport, type BuildReportInput } from "./build-report";
export { renderTable, type TableOptions } from "./render-table";
export { renderMarkdown } from "./render-markdown";
export { worstFirst, verdictCounts, verdictSummary } from "./order";
export { escapeMarkdown, terminalSafe, truncate } from "./sanitize";
export { reportSchema, clientReportSchema, findingSchema, type Report, type ClientReport } from "./schema";
export { redactReport } from "./redact";
export { diffReports, type ReportDiff, type ClientDiff, type Change, type OverrideState } from "./diff";
