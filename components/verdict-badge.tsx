import type { Verdict } from "@/lib/diagnose/types";
import { TONE_CLASS, VERDICT_TONE } from "./tone";

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span
      data-verdict={verdict}
      className={`inline-flex rounded px-2 py-0.5 text-xs font-semibold uppercase ring-1 ring-inset ${TONE_CLASS[VERDICT_TONE[verdict]]}`}
    >
      {verdict}
    </span>
  );
}
