"use client";

import { useActionState } from "react";
import { setScheduleAction } from "@/app/schedule-actions";

const BUTTON = "rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/** Sets the schedule's interval from the dashboard; the server action checks the admin again. */
export function ScheduleForm({ minutes }: { minutes: number | null }) {
  const [state, action, pending] = useActionState(setScheduleAction, { error: null });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2 text-sm" aria-label="Schedule">
      <label htmlFor="schedule-minutes">Run every</label>
      <input
        id="schedule-minutes"
        name="minutes"
        type="number"
        min={1}
        max={1440}
        step={1}
        defaultValue={minutes ?? ""}
        className="w-20 rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
      />
      <span>minutes</span>
      <button type="submit" name="mode" value="set" disabled={pending} className={BUTTON}>
        Save
      </button>
      <button type="submit" name="mode" value="inventory" disabled={pending} className={BUTTON}>
        Use the inventory&apos;s
      </button>
      {state.error ? (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
