/** Open / closed / filtered as a stacked bar with the counts written out (colour is never alone). */
export function StackedCounts({ counts, title }: { counts: { open: number; closed: number; filtered: number }; title: string }) {
  const { open, closed, filtered } = counts;
  const total = Math.max(1, open + closed + filtered);
  return (
    <span className="inline-flex items-center gap-2" title={title}>
      <span className="flex h-2 w-20 overflow-hidden rounded bg-slate-200 dark:bg-slate-700" aria-hidden>
        <span className="bg-sky-500" style={{ width: `${(open / total) * 100}%` }} />
        <span className="bg-emerald-500" style={{ width: `${(closed / total) * 100}%` }} />
        <span className="bg-red-500" style={{ width: `${(filtered / total) * 100}%` }} />
      </span>
      <span className="whitespace-nowrap text-xs tabular-nums">
        {open} open · {closed} closed ·{" "}
        <span className={filtered > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}>{filtered} filtered</span>
      </span>
    </span>
  );
}
