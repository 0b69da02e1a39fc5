import { worstFirst } from "@/lib/report/order";
import type { ClientReport } from "@/lib/report/schema";
import { TONE_CLASS } from "../tone";

const SEVERITY_TONE = { error: "bad", warning: "warn", info: "unknown" } as const;

export function FindingsList({ findings }: { findings: ClientReport["findings"] }) {
  if (findings.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No findings: reruns with SSH should work on this client.</p>;
  return (
    <ol className="space-y-4">
      {worstFirst(findings).map((finding) => (
        <li key={finding.code} data-finding={finding.code} className="rounded border border-slate-200 p-4 dark:border-slate-800">
          <div className="flex flex-wrap items-center gap-2">
            <span
              className={
                `rounded px-1.5 py-0.5 text-xs font-semibold uppercase ring-1 ring-inset ` +
                `${TONE_CLASS[SEVERITY_TONE[finding.severity]]}`
              }
            >
              {finding.severity}
            </span>
            <span className="font-mono text-xs">{finding.code}</span>
          </div>
          <h3 className="mt-2 font-semibold">{finding.title}</h3>
          <p className="mt-1 whitespace-pre-wrap break-words text-sm">{finding.detail}</p>
          <h4 className="mt-3 text-xs font-semibold uppercase text-slate-500">Fix</h4>
          <p className="mt-1 whitespace-pre-wrap break-words text-sm">{finding.remediation}</p>
        </li>
      ))}
    </ol>
  );
}
