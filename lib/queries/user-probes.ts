import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { userProbeCreatedSchema, userProbeListSchema } from "../api/user-probe";
import type { UserProbeInfo } from "../api/user-probe";
import { fetchJson } from "./fetch-json";
import { runQuery } from "./run-query";

const base = (runId: string) => `/api/runs/${encodeURIComponent(runId)}/user-probes`;
/** While a request waits for its user, its row shows the upload without a reload. */
export const USER_PROBE_POLL_MS = 5000;

export function userProbesQuery(runId: string) {
  return queryOptions({
    queryKey: ["user-probes", runId] as const,
    // A new upload changes the run's report (a users vantage): the run's query is refreshed with it.
    queryFn: async ({ client, queryKey }) => {
      const probes = (await fetchJson(base(runId), userProbeListSchema)).probes;
      const uploads = (list: readonly UserProbeInfo[] | undefined) => list?.reduce((n, p) => n + p.uploads, 0) ?? 0;
      const before = client.getQueryData<UserProbeInfo[]>(queryKey);
      if (before && uploads(before) !== uploads(probes)) await client.invalidateQueries({ queryKey: runQuery(runId).queryKey });
      return probes;
    },
    refetchInterval: (query) => (query.state.data?.some((p) => p.active && p.reportedAt === null) ? USER_PROBE_POLL_MS : false),
  });
}

export function createUserProbeRequest(runId: string, options: { label: string; ttlHours?: number; client?: string }) {
  return fetchJson(base(runId), userProbeCreatedSchema, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(options),
  });
}

export function revokeUserProbeRequest(runId: string, id: string) {
  return fetchJson(`${base(runId)}/${encodeURIComponent(id)}/revoke`, z.object({ ok: z.literal(true) }), { method: "POST" });
}
