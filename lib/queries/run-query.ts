import { queryOptions } from "@tanstack/react-query";
import { runViewSchema, type RunView } from "../api/schema";

export const POLL_MS = 500;

/** Sends the version it holds: an unchanged run answers 304 and costs neither side a parse. */
async function fetchRun(id: string, held: RunView | undefined): Promise<RunView> {
  const headers: HeadersInit = held ? { "If-None-Match": `"${held.version}"` } : {};
  const response = await fetch(`/api/runs/${encodeURIComponent(id)}`, { cache: "no-store", headers });
  if (response.status === 304 && held) return held;
  if (!response.ok) throw new Error(response.status === 404 ? "This run does not exist." : `The server answered ${response.status}.`);
  return runViewSchema.parse(await response.json());
}

/** One definition for server prefetch (same key, data from the store) and client polling. */
export function runQuery(id: string) {
  const queryKey = ["run", id] as const;
  return queryOptions({
    queryKey,
    queryFn: ({ client }) => fetchRun(id, client.getQueryData<RunView>(queryKey)),
    refetchInterval: (query) => (query.state.data?.status === "running" ? POLL_MS : false),
  });
}

export async function cancelRunRequest(id: string): Promise<void> {
  const response = await fetch(`/api/runs/${encodeURIComponent(id)}/cancel`, { method: "POST" });
  if (!response.ok && response.status !== 404) throw new Error(`The server answered ${response.status}.`);
}
