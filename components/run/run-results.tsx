"use client";

import { useSearchParams } from "next/navigation";
import { diagramState, SELECTED_CLIENT_PARAM } from "@/lib/views/diagram";
import { applyFilters, readFilters } from "@/lib/views/filters";
import type { RunView } from "@/lib/api/schema";
import { ArchitectureDiagram } from "../diagram/architecture-diagram";
import { ArrowFilterChip } from "../matrix/arrow-filter-chip";
import { MatrixFilters } from "../matrix/matrix-filters";
import { ReachabilityMatrix } from "../matrix/reachability-matrix";
import { ShareControls } from "../share/share-controls";
import { AskUserPanel } from "../user-probe/ask-user-panel";
import { FleetSummary } from "./fleet-summary";
import { NomadSummary } from "./nomad-summary";
import { UsersNetworksNote } from "./users-networks-note";

/** A run as the home page shows it: summary, the live figure, the matrix, and sharing. */
export function RunResults({ view, runId }: { view: RunView; runId: string }) {
  const params = useSearchParams();
  const filters = readFilters(params);
  const { clients, inventory } = view.report;
  const selected = params.get(SELECTED_CLIENT_PARAM);
  const state = diagramState(clients, clients.some((c) => c.name === selected) ? selected : null, {
    ...inventory,
    machines: view.report.machines,
  });
  return (
    <>
      <FleetSummary clients={clients} runId={runId} />
      {view.report.nomad ? <NomadSummary nomad={view.report.nomad} /> : null}
      {view.report.usersNetworks ? <UsersNetworksNote networks={view.report.usersNetworks} /> : null}
      <ArchitectureDiagram
        state={state}
        runId={runId}
        baseQuery={params.toString()}
        users={(view.report.vantages ?? []).filter((v) => v.kind === "users")}
      />
      <MatrixFilters />
      {filters.arrow ? <ArrowFilterChip arrow={state.arrows[filters.arrow]} /> : null}
      <ReachabilityMatrix
        clients={applyFilters(clients, filters)}
        clientHref={(c) => `/runs/${runId}/clients/${encodeURIComponent(c.name)}`}
      />
      {view.status !== "running" ? (
        <section aria-labelledby="share-heading" className="space-y-3">
          <h2 id="share-heading" className="text-lg font-semibold">
            Share this run
          </h2>
          <p className="text-sm">
            Export:{" "}
            <a className="underline" href={`/api/runs/${runId}/export?format=markdown`}>
              Markdown
            </a>{" "}
            ·{" "}
            <a className="underline" href={`/api/runs/${runId}/export?format=json`}>
              JSON
            </a>{" "}
            · HTML for a ticket, readable offline:{" "}
            <a className="underline" href={`/api/runs/${runId}/export?format=html`} data-testid="export-html">
              full
            </a>{" "}
            /{" "}
            <a className="underline" href={`/api/runs/${runId}/export?format=html&redact=1`} data-testid="export-html-redacted">
              redacted
            </a>
          </p>
          <ShareControls runId={runId} />
          <h2 className="text-lg font-semibold">Ask a user to check</h2>
          <AskUserPanel runId={runId} />
        </section>
      ) : null}
    </>
  );
}
