"use client";

import { useState } from "react";
import type { UserProbeCreated } from "@/lib/api/user-probe";
import { UserProbeList } from "./user-probe-list";
import { CommandRow } from "./command-row";
import { RecheckHint } from "./recheck-hint";
import { useCreateUserProbe, useRevokeUserProbe, useUserProbes } from "./use-user-probes";

const button =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";
const input = "rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";
const TTLS = [
  [1, "1 hour"],
  [4, "4 hours"],
  [24, "24 hours"],
  [72, "3 days"],
  [168, "7 days"],
] as const;

function Created({ created }: { created: UserProbeCreated }) {
  return (
    <div className="space-y-2" data-testid="user-probe-created">
      <p>
        Paste one of these into the ticket ({created.targets} address/port pairs; the link works until {created.expiresAt} and is shown
        once). The script needs no credentials and only opens TCP connections to the addresses this run probed.
      </p>
      <CommandRow label="macOS / Linux (sh)" text={created.commands.sh} />
      <CommandRow label="sh, read it first" text={created.commands.shReadFirst} />
      <CommandRow label="Windows (PowerShell)" text={created.commands.ps1} />
      <CommandRow label="PowerShell, read it first" text={created.commands.ps1ReadFirst} />
      <details open>
        <summary className="cursor-pointer">The sh script, as users will run it</summary>
        <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900" data-testid="user-probe-script">
          {created.scripts.sh}
        </pre>
      </details>
      <details>
        <summary className="cursor-pointer">The PowerShell script</summary>
        <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900">{created.scripts.ps1}</pre>
      </details>
    </div>
  );
}

/** "Ask a user to check": a link and a one-line command that probes this run's targets from the user's own network. */
export function AskUserPanel({ runId, client }: { runId: string; client?: string }) {
  const [label, setLabel] = useState("");
  const [ttlHours, setTtlHours] = useState(24);
  const probes = useUserProbes(runId);
  const create = useCreateUserProbe(runId);
  const revoke = useRevokeUserProbe(runId);
  const error = create.error ?? revoke.error ?? probes.error;
  return (
    <section aria-label="Ask a user to check" className="space-y-3 rounded border border-slate-200 p-4 text-sm dark:border-slate-800">
      <p>
        Only a user can tell whether reruns work from their laptop, VPN or office. Give them a command: it probes the advertised{" "}
        {client === undefined ? "addresses and rerun ports of this run" : "address and rerun ports of this client"} from their network and
        posts the answers back here, as the vantage &ldquo;users (reported by label)&rdquo;.
      </p>
      <form
        className="flex flex-wrap items-center gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ label: label.trim(), ttlHours, ...(client === undefined ? {} : { client }) });
        }}
      >
        <label className="inline-flex items-center gap-1">
          Label (e.g. the ticket)
          <input className={input} required maxLength={64} value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label className="inline-flex items-center gap-1">
          Valid for
          <select className={input} value={ttlHours} onChange={(e) => setTtlHours(Number(e.target.value))}>
            {TTLS.map(([hours, words]) => (
              <option key={hours} value={hours}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={button} disabled={create.isPending || label.trim() === ""}>
          Ask a user to check
        </button>
      </form>
      {create.data ? <Created created={create.data} /> : null}
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
      {probes.data && probes.data.length > 0 ? (
        <UserProbeList probes={probes.data} revoking={revoke.isPending} onRevoke={(id) => revoke.mutate(id)} />
      ) : null}
      {probes.data ? <RecheckHint probes={probes.data} /> : null}
    </section>
  );
}
