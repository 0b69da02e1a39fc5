import Link from "next/link";
import type { ReportDiff } from "@/lib/report/diff";

/** One line on the home page: what moved since the previous run, with the full diff a click away. */
export function ChangesSincePrevious({ diff }: { diff: ReportDiff }) {
  const { changed, added, removed } = diff.counts;
  const moved = diff.clients.filter((c) => c.verdict).slice(0, 5);
  return (
    <p className="text-sm" data-testid="changes-since-previous">
      Since the previous run:{" "}
      {changed === 0 && added === 0 && removed === 0 ? "nothing changed" : `${changed} changed, ${added} added, ${removed} removed`}
      {moved.length > 0
        ? ` (${moved.map((c) => `${c.name}: ${c.verdict!.before ?? "new"} → ${c.verdict!.after ?? "gone"}`).join("; ")})`
        : ""}
      .{" "}
      <Link className="underline" href={`/runs/diff?a=${diff.before.runId}&b=${diff.after.runId}`}>
        Compare
      </Link>
    </p>
  );
}
