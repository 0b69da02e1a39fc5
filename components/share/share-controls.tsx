"use client";

import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { useCreateShare, useRevokeShare, useShares } from "./use-shares";

const button =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

/** Create a read-only link to this run (optionally redacted), copy it, and revoke old ones. */
const LINK_CLASS =
  "w-[36rem] max-w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900";

export function ShareControls({ runId }: { runId: string }) {
  const [redact, setRedact] = useState(true);
  const shares = useShares(runId);
  const create = useCreateShare(runId);
  const revoke = useRevokeShare(runId);
  const error = create.error ?? revoke.error ?? shares.error;
  return (
    <section aria-label="Share this run" className="space-y-3 rounded border border-slate-200 p-4 text-sm dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-3">
        <label className="inline-flex items-center gap-1">
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} />
          Hide addresses, names and IDs of the fleet
        </label>
        <button type="button" className={button} disabled={create.isPending} onClick={() => create.mutate({ redact })}>
          Create share link
        </button>
      </div>
      {create.data ? (
        <p className="flex flex-wrap items-center gap-2">
          <input readOnly aria-label="Share link" value={create.data.url} className={LINK_CLASS} onFocus={(e) => e.target.select()} />
          <CopyButton text={create.data.url} label="share link" />
          <span className="text-slate-500">shown once; valid until {create.data.expiresAt}</span>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
      {shares.data && shares.data.length > 0 ? (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Share links">
          {shares.data.map((share) => (
            <li key={share.id} data-share={share.id} className="flex flex-wrap items-center gap-3 py-1.5">
              <span className="font-mono text-xs">{share.id}</span>
              <span>{share.redact ? "redacted" : "full"}</span>
              <span className="text-slate-500">
                created {share.createdAt}, expires {share.expiresAt}
              </span>
              {share.active ? (
                <button type="button" className={button} disabled={revoke.isPending} onClick={() => revoke.mutate(share.id)}>
                  Revoke
                </button>
              ) : (
                <span className="text-slate-500">{share.revokedAt ? `revoked ${share.revokedAt}` : "expired"}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
