import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { runViewSchema, type RunView } from "../api/schema";
import { fetchJson } from "./fetch-json";

export const POLL_MS = 500;

const runUrl = (id: string) => `/api/runs/${encodeURIComponent(id)}`;

/** One definition for server prefetch (same key, data from the store) and client polling. */
export function runQuery(id: string) {
  const queryKey = ["run", id] as const;
  return queryOptions({
    queryKey,
    // Sends the version it holds: an unchanged run answers 304 and costs neither side a parse.
    queryFn: ({ client }) => {
      const held = client.getQueryData<RunView>(queryKey);
      return fetchJson(runUrl(id), runViewSchema, {}, held && { etag: `"${held.version}"`, data: held });
    },
    refetchInterval: (query) => (query.state.data?.status === "running" ? POLL_MS : false),
  });
}

/** Cancel; a run that already ended (404) is no error. */
export async function cancelRunRequest(id: string): Promise<void> {
  await fetchJson(`${runUrl(id)}/cancel`, z.object({ ok: z.literal(true) }), { method: "POST" }).catch((error: Error) => {
    if (!/no running run/.test(error.message)) throw error;
  });
}
