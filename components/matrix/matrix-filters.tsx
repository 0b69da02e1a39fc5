"use client";

import { FINDING_CODES } from "@/lib/diagnose/types";
import { VERDICTS_WORST_FIRST } from "@/lib/diagnose/types";
import { SORT_KEYS } from "@/lib/views/filters";
import { useUrlFilters } from "./use-url-filters";

const control = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

export function MatrixFilters() {
  const { filters, setParam } = useUrlFilters();
  const toggleVerdict = (verdict: string) => {
    const set = new Set<string>(filters.verdicts);
    if (set.has(verdict)) set.delete(verdict);
    else set.add(verdict);
    setParam("verdict", [...set].join(",") || null);
  };
  return (
    <form className="flex flex-wrap items-center gap-3" role="search" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="flex items-center gap-2">
        <legend className="sr-only">Verdict</legend>
        {VERDICTS_WORST_FIRST.map((verdict) => (
          <label key={verdict} className="inline-flex items-center gap-1 text-sm">
            <input type="checkbox" checked={filters.verdicts.includes(verdict)} onChange={() => toggleVerdict(verdict)} />
            {verdict}
          </label>
        ))}
      </fieldset>
      <label className="text-sm">
        <span className="sr-only">Finding</span>
        <select
          aria-label="Finding"
          className={control}
          value={filters.code ?? ""}
          onChange={(e) => setParam("code", e.target.value || null)}
        >
          <option value="">any finding</option>
          {FINDING_CODES.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </label>
      <input
        type="search"
        aria-label="Search clients"
        placeholder="name, host, IP, code"
        className={control}
        defaultValue={filters.text}
        onChange={(e) => setParam("q", e.target.value || null)}
      />
      <label className="text-sm">
        Sort{" "}
        <select
          aria-label="Sort"
          className={control}
          value={filters.sort}
          onChange={(e) => setParam("sort", e.target.value === "verdict" ? null : e.target.value)}
        >
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
