import type { UserProbeInfo } from "@/lib/api/user-probe";

const button =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

function reported(probe: UserProbeInfo): string {
  if (probe.reportedAt === null) return "waiting for the user";
  const again = probe.uploads > 1 ? ` (sent ${probe.uploads} times, latest kept)` : "";
  return `reported ${probe.reportedAt} from ${probe.source ?? "?"} with ${probe.tool ?? "?"}: ${probe.results} results${again}`;
}

/** The run's user probe requests: what each reported (as text, never markup), and a revoke button. */
export function UserProbeList({
  probes,
  revoking,
  onRevoke,
}: {
  probes: readonly UserProbeInfo[];
  revoking: boolean;
  onRevoke: (id: string) => void;
}) {
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="User probes">
      {probes.map((probe) => (
        <li key={probe.id} data-user-probe={probe.id} className="flex flex-wrap items-center gap-3 py-1.5">
          <span className="font-medium">{probe.label}</span>
          <span className="text-slate-500">{probe.targets} pairs</span>
          <span data-testid="user-probe-status">{reported(probe)}</span>
          <span className="text-slate-500">expires {probe.expiresAt}</span>
          {probe.active ? (
            <button type="button" className={button} disabled={revoking} onClick={() => onRevoke(probe.id)}>
              Revoke
            </button>
          ) : (
            <span className="text-slate-500">{probe.revokedAt ? `revoked ${probe.revokedAt}` : "expired"}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
