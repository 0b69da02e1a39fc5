import type { Verdict } from "@/lib/diagnose/types";
import type { Tone } from "@/lib/views/matrix-cells";

/** Colors always come with a text label; they are never the only signal. */
export const TONE_CLASS: Record<Tone, string> = {
  good: "bg-emerald-50 text-emerald-900 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200",
  warn: "bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-200",
  bad: "bg-red-50 text-red-900 ring-red-600/30 dark:bg-red-950 dark:text-red-200",
  unknown: "bg-slate-100 text-slate-800 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-200",
  none: "text-slate-500 ring-transparent dark:text-slate-400",
};

export const VERDICT_TONE = { ok: "good", degraded: "warn", broken: "bad", unknown: "unknown" } as const satisfies Record<Verdict, Tone>;
