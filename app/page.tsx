import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { runIdSchema } from "@/lib/api/schema";
import { orNotFound } from "@/lib/common/app-error";
import { EmptyInventory } from "@/components/empty-inventory";
import { ChangesSincePrevious } from "@/components/run/changes-since-previous";
import { SiteHeader } from "@/components/site-header";
import { Dashboard } from "@/components/run/dashboard";
import { runQuery } from "@/lib/queries/run-query";
import { serverConfig } from "@/lib/server/config";
import { changesSincePrevious } from "@/lib/server/previous-run";
import { getRunView, latestRunView } from "@/lib/server/run-views";
import { requireAdminPage } from "@/lib/server/require-admin";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage();
  const params = await searchParams;
  const requested = runIdSchema.safeParse(params.run);
  const view = requested.success ? orNotFound(() => getRunView(requested.data)) : latestRunView();
  const runId = requested.success ? requested.data : (view?.report.runId ?? null);
  const changes = runId ? changesSincePrevious(runId) : null;
  const queryClient = new QueryClient();
  if (runId && view) queryClient.setQueryData(runQuery(runId).queryKey, view);
  return (
    <main className="mx-auto max-w-[96rem] space-y-6 p-6">
      <SiteHeader />
      {changes ? <ChangesSincePrevious diff={changes} /> : null}
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
