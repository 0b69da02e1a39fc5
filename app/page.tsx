import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { EmptyInventory } from "@/components/empty-inventory";
import { Dashboard } from "@/components/run/dashboard";
import { runQuery } from "@/lib/queries/runs";
import { serverConfig } from "@/lib/server/config";
import { getRunView, latestRunView } from "@/lib/server/runs-api";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const requested = z.uuid().safeParse(params.run);
  const view = requested.success ? safeGet(requested.data) : latestRunView();
  const runId = requested.success ? requested.data : (view?.report.runId ?? null);
  const queryClient = new QueryClient();
  if (runId && view) queryClient.setQueryData(runQuery(runId).queryKey, view);
  return (
    <main className="mx-auto max-w-[96rem] space-y-6 p-6">
      <header>
        <h1 className="text-2xl font-semibold">Rerun Doctor</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">Why &ldquo;Rerun job with SSH&rdquo; fails, on which Nomad clients, and what to change.</p>
      </header>
      {serverConfig().inventoryFile === null ? (
        <EmptyInventory />
      ) : (
        <HydrationBoundary state={dehydrate(queryClient)}>
          <Dashboard runId={runId} />
        </HydrationBoundary>
      )}
    </main>
  );
}

function safeGet(id: string) {
  try {
    return getRunView(id);
  } catch {
    return null;
  }
}
