"use client";

import { useActionState } from "react";
import { startRunAction } from "@/app/actions";
import type { UserProbeInfo } from "@/lib/api/user-probe";
import { recheckSources } from "./recheck-sources";

const button =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

/** After an upload: the users' address it came from is what the next run checks each client's firewall and routes against. */
export function RecheckHint({ probes }: { probes: readonly UserProbeInfo[] }) {
  const [start, startAction, starting] = useActionState(startRunAction, { error: null });
  const sources = recheckSources(probes);
  if (sources.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="user-probe-recheck">
      <p>
        A new run checks each client&rsquo;s firewall (DOCKER-USER, FORWARD, INPUT) and routes against the users&rsquo; address{" "}
        {sources.join(", ")} (for 7 days after the upload; data only, never probed).
      </p>
      <form action={startAction}>
        <button type="submit" className={button} disabled={starting}>
          Run again
        </button>
      </form>
      {start.error ? (
        <pre role="alert" className="whitespace-pre-wrap text-red-700 dark:text-red-400">
          {start.error}
        </pre>
      ) : null}
    </div>
  );
}
