import type { NomadDiscoveryReport } from "@/lib/report/schema";

/** Nomad discovery in one block: its error, or the nodes it found and why some were not inspected. */
export function NomadSummary({ nomad }: { nomad: NomadDiscoveryReport }) {
  const skipped = nomad.nodes.filter((n) => n.skipped !== null);
  return (
    <section aria-label="Nomad discovery" className="text-sm" data-testid="nomad-summary">
      {nomad.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Nomad discovery failed: {nomad.error}. The inventory&apos;s own clients were inspected.
        </p>
      ) : (
        <p>
          Nomad ({nomad.address}) lists {nomad.nodes.length} nodes; {nomad.nodes.length - skipped.length} inspected
          {skipped.length > 0 ? `, ${skipped.length} not inspected:` : "."}
        </p>
      )}
      {skipped.length > 0 ? (
        <ul className="mt-1 list-inside list-disc text-slate-600 dark:text-slate-400">
          {skipped.map((n) => (
            <li key={`${n.name}-${n.address}`}>
              {n.name} ({n.address}): {n.skipped}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
