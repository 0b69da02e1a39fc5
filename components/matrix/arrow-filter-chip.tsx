"use client";

import type { ArrowState } from "@/lib/views/diagram";
import { useUrlFilters } from "./use-url-filters";

/** Says why rows are hidden when a diagram arrow filters the matrix, and clears it. */
export function ArrowFilterChip({ arrow }: { arrow: ArrowState }) {
  const { setParam } = useUrlFilters();
  return (
    <p className="flex items-center gap-2 text-sm" data-testid="arrow-filter">
      <span>
        Showing clients that fail <strong>{arrow.name}</strong> ({arrow.label}).
      </span>
      <button
        type="button"
        onClick={() => setParam("arrow", null)}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Show all
      </button>
    </p>
  );
}
