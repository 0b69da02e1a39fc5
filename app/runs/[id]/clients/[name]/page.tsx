import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CheckCommands } from "@/components/client/check-commands";
import { FactsPanel } from "@/components/client/facts-panel";
import { FindingsList } from "@/components/client/findings-list";
import { PortRunsTable } from "@/components/client/port-runs-table";
import { AskUserPanel } from "@/components/user-probe/ask-user-panel";
import { VerdictBadge } from "@/components/verdict-badge";
import { runIdSchema } from "@/lib/api/schema";
import { orNotFound } from "@/lib/common/app-error";
import { getRunView } from "@/lib/server/run-views";
import { requireAdminPage } from "@/lib/server/require-admin";

export const dynamic = "force-dynamic";

// Next hands params over decoded; Nomad node names run to 256 characters.
const paramsSchema = z.object({ id: runIdSchema, name: z.string().min(1).max(256) });

export default async function ClientPage({ params }: { params: Promise<{ id: string; name: string }> }) {
  await requireAdminPage();
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { id, name } = parsed.data;
  const view = orNotFound(() => getRunView(id));
  const client = view?.report.clients.find((c) => c.name === name) ?? null;
  if (!view || !client) notFound();
  return (
    <main className="mx-auto max-w-5xl space-y-8 p-6">
      <nav className="text-sm">
        <Link href={`/?run=${id}`} className="hover:underline">
          ← Back to the run
        </Link>
        <span className="mx-2 text-slate-400">·</span>
        <Link href={`/?${new URLSearchParams({ run: id, client: client.name })}`} className="hover:underline">
          This client on the diagram
        </Link>
      </nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{client.name}</h1>
        <VerdictBadge verdict={client.verdict} />
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {client.host}:{client.port} · advertises {client.advertisedIp ?? "nothing"} ({client.advertisedIpSource})
        </span>
      </header>
      <section aria-labelledby="findings">
        <h2 id="findings" className="mb-3 text-lg font-semibold">
          Findings
        </h2>
        <FindingsList findings={client.findings} />
      </section>
      <section aria-labelledby="facts">
        <h2 id="facts" className="mb-3 text-lg font-semibold">
          What the client says
        </h2>
        <FactsPanel client={client} />
      </section>
      <section aria-labelledby="ports">
        <h2 id="ports" className="mb-3 text-lg font-semibold">
          Rerun ports
        </h2>
        <PortRunsTable client={client} />
      </section>
      <section aria-labelledby="commands">
        <h2 id="commands" className="mb-3 text-lg font-semibold">
          Check it yourself
        </h2>
        <CheckCommands client={client} />
      </section>
      {view.status !== "running" && client.probedAddress !== null ? (
        <section aria-labelledby="ask-user" className="space-y-3">
          <h2 id="ask-user" className="text-lg font-semibold">
            Ask a user to check this client
          </h2>
          <AskUserPanel runId={id} client={client.name} />
        </section>
      ) : null}
    </main>
  );
}
