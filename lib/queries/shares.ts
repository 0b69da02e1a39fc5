import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { shareCreatedSchema as createdSchema, shareListSchema as listSchema } from "../api/schema";
import { fetchJson } from "./fetch-json";
const base = (runId: string) => `/api/runs/${encodeURIComponent(runId)}/share`;

export function sharesQuery(runId: string) {
  return queryOptions({ queryKey: ["shares", runId] as const, queryFn: () => fetchJson(base(runId), listSchema).then((b) => b.shares) });
}

export function createShareRequest(runId: string, options: { redact: boolean; ttlDays?: number }) {
  return fetchJson(base(runId), createdSchema, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(options),
  });
}

export function revokeShareRequest(runId: string, shareId: string) {
  return fetchJson(`${base(runId)}/${encodeURIComponent(shareId)}/revoke`, z.object({ ok: z.literal(true) }), { method: "POST" });
}
