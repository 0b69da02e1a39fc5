import { FindingsList } from "@/components/client/findings-list";
import { VerdictBadge } from "@/components/verdict-badge";
import type { Report } from "@/lib/report/schema";
import type { RunStatus } from "@/lib/store/runs-repo";
import { ReachabilityMatrix } from "../matrix/reachability-matrix";
import { VerdictCounts } from "../verdict-counts";
import { clientAnchor } from "./client-anchor";

interface Props {
  readonly token: string;
  readonly status: RunStatus;
  readonly report: Report;
  readonly redacted: boolean;
  readonly expiresAt: string;
}

const STATUS_TEXT = {
  running: "still running when viewed: reload for more",
  done: "finished",
  interrupted: "interrupted: only the clients inspected before are shown",
} as const;

/** A shared run, read-only: nothing on it leads to the dashboard or to other runs. */
export function SharedRunView({ token, status, report, redacted, expiresAt }: Props) {
  const exportUrl = (format: "markdown" | "json" | "html") => `/api/share/${encodeURIComponent(token)}/export?format=${format}`;
  return (
    <main className="mx-auto max-w-[96rem] space-y-6 p-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Rerun Doctor report</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="share-meta">
          Run of {report.startedAt} ({STATUS_TEXT[status]}) · CircleCI Server {report.inventory.serverVersion}, rerun ports{" "}
          {report.inventory.rerunPorts.from}–{report.inventory.rerunPorts.to} ·{" "}
          {redacted ? "names and addresses replaced by aliases" : "not redacted"} · link valid until {expiresAt}
        </p>
        <p className="flex gap-3 text-sm">
          <a className="underline" href={exportUrl("markdown")} download rel="noreferrer">
            Download Markdown
          </a>
          <a className="underline" href={exportUrl("json")} download rel="noreferrer">
            Download JSON
          </a>
          <a className="underline" href={exportUrl("html")} download rel="noreferrer">
            Download HTML (offline)
          </a>
        </p>
      </header>
      <VerdictCounts clients={report.clients} />
      <ReachabilityMatrix clients={report.clients} clientHref={(_client, index) => `#${clientAnchor(index)}`} />
      {report.clients.map((client, index) => (
        <section key={client.name} id={clientAnchor(index)} aria-label={client.name} className="space-y-3">
          <h2 className="flex flex-wrap items-center gap-3 text-lg font-semibold">
            {client.name} <VerdictBadge verdict={client.verdict} />
            <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
              {client.host}:{client.port} · advertises {client.advertisedIp ?? "nothing"} ({client.advertisedIpSource})
            </span>
          </h2>
          <FindingsList findings={client.findings} />
        </section>
      ))}
    </main>
  );
}
