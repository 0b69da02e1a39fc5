import { z } from "zod";
import { SEVERITIES, VERDICTS } from "../diagnose/types";
import type { RunChanges } from "./watch-changes";
import type { Report } from "./schema";

/** The JSON webhook's body (docs/alerts.md). Versioned: a breaking change gets a new `schema`. */
export const alertPayloadSchema = z.object({
  schema: z.literal("rerun-doctor.alert.v1"),
  /** firing: something broke or a fleet finding appeared; resolved: everything in this message recovered. */
  status: z.enum(["firing", "resolved"]),
  summary: z.string(),
  runId: z.string(),
  previousRunId: z.string(),
  trigger: z.enum(["manual", "scheduled"]),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  runUrl: z.string(),
  verdicts: z.record(z.enum(VERDICTS), z.number().int().nonnegative()),
  clients: z.array(
    z.object({
      name: z.string(),
      change: z.enum(["broke", "recovered"]),
      from: z.enum(VERDICTS),
      to: z.enum(VERDICTS),
      codes: z.array(z.string()),
      clientUrl: z.string(),
    }),
  ),
  fleet: z.array(z.object({ change: z.enum(["appeared", "resolved"]), code: z.string(), severity: z.enum(SEVERITIES), title: z.string() })),
});
export type AlertPayload = z.infer<typeof alertPayloadSchema>;

export interface AlertContext {
  /** Origin links start with: RERUN_DOCTOR_PUBLIC_URL, else where the server listens. */
  readonly baseUrl: string;
  readonly trigger: "manual" | "scheduled";
}

export function alertPayload(report: Report, changes: RunChanges, context: AlertContext): AlertPayload {
  const runUrl = `${context.baseUrl}/runs/${encodeURIComponent(report.runId)}`;
  const verdicts = { ok: 0, degraded: 0, broken: 0, unknown: 0 };
  for (const client of report.clients) verdicts[client.verdict]++;
  const broke = changes.clients.filter((c) => c.change === "broke").length;
  const recovered = changes.clients.length - broke;
  const appeared = changes.fleet.filter((f) => f.change === "appeared").length;
  const resolved = changes.fleet.length - appeared;
  const parts = [
    broke && `${broke} client${broke === 1 ? "" : "s"} broke`,
    recovered && `${recovered} recovered`,
    appeared && `${appeared} fleet finding${appeared === 1 ? "" : "s"} appeared`,
    resolved && `${resolved} resolved`,
  ].filter(Boolean);
  return {
    schema: "rerun-doctor.alert.v1",
    status: broke + appeared > 0 ? "firing" : "resolved",
    summary: `Rerun Doctor: ${parts.join(", ")} (${verdicts.broken + verdicts.unknown} of ${report.clients.length} not working)`,
    runId: report.runId,
    previousRunId: changes.previousRunId,
    trigger: context.trigger,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    runUrl,
    verdicts,
    clients: changes.clients.map((c) => ({ ...c, codes: [...c.codes], clientUrl: `${runUrl}/clients/${encodeURIComponent(c.name)}` })),
    fleet: changes.fleet.map((f) => ({ ...f })),
  };
}

/** Slack's mrkdwn reads &, < and > as markup: a client name must not become a link or a mention. */
const mrkdwn = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function lines(payload: AlertPayload, link: (url: string, label: string) => string): string[] {
  return [
    ...payload.clients.map(
      (c) =>
        `${c.change === "broke" ? "BROKE" : "RECOVERED"} ${link(c.clientUrl, c.name)}: ${c.from} → ${c.to}` +
        (c.codes.length ? ` (${c.codes.join(", ")})` : ""),
    ),
    ...payload.fleet.map((f) => `Fleet finding ${f.change}: ${f.code} (${f.severity}) ${f.title}`),
  ];
}

/** A Slack-compatible incoming-webhook body: `text` for notifications, `blocks` for the message. */
export function slackPayload(payload: AlertPayload): { text: string; blocks: unknown[] } {
  const body = lines(payload, (url, label) => `<${url}|${mrkdwn(label)}>`).slice(0, 40);
  return {
    text: payload.summary,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${mrkdwn(payload.summary)}*` } },
      { type: "section", text: { type: "mrkdwn", text: body.join("\n").slice(0, 2900) || "(no details)" } },
      { type: "context", elements: [{ type: "mrkdwn", text: `<${payload.runUrl}|Open run ${mrkdwn(payload.runId)}>` }] },
    ],
  };
}

export function emailMessage(payload: AlertPayload): { subject: string; text: string } {
  const text = [payload.summary, "", ...lines(payload, (url, label) => `${label} <${url}>`), "", `Run: ${payload.runUrl}`].join("\n");
  return { subject: payload.summary.replace(/[\r\n]+/g, " ").slice(0, 200), text };
}
