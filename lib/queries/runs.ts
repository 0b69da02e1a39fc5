import { queryOptions } from "@tanstack/react-query";
import { runViewSchema, type RunView } from "./run-view";

export const POLL_MS = 500;

async function fetchRun(id: string): Promise<RunView> {
  const response = await fetch(`/api/runs/${encodeURIComponent(id)}`, { cache: "no-store" });
  if (!response.ok) throw new Error(response.status === 404 ? "This run does not exist." : `The server answered ${response.status}.`);
  return runViewSchema.parse(await response.json());
}

/** One definition for server prefetch (same key, data from the store) and client polling. */
export function runQuery(id: string) {
  return queryOptions({
    queryKey: ["run", id] as const,
    queryFn: () => fetchRun(id),
    refetchInterval: (query) => (query.state.data?.status === "running" ? POLL_MS : false),
  });
}

export async function cancelRunRequest(id: string): Promise<void> {
  const response = await fetch(`/api/runs/${encodeURIComponent(id)}/cancel`, { method: "POST" });
  if (!response.ok && response.status !== 404) throw new Error(`The server answered ${response.status}.`);
}
