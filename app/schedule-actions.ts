"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isAppError } from "@/lib/common/app-error";
import { MAX_SCHEDULE_MINUTES, MIN_SCHEDULE_MINUTES } from "@/lib/inventory/watch-schema";
import { requireAdmin } from "@/lib/server/require-admin";
import { setScheduleMinutes } from "@/lib/server/watch/scheduler";

export interface ScheduleFormState {
  readonly error: string | null;
}

const formSchema = z.union([
  z.object({ mode: z.literal("inventory") }),
  z.object({
    mode: z.literal("set"),
    minutes: z.coerce
      .number()
      .int("whole minutes")
      .min(MIN_SCHEDULE_MINUTES, `at least ${MIN_SCHEDULE_MINUTES} minute`)
      .max(MAX_SCHEDULE_MINUTES, `at most ${MAX_SCHEDULE_MINUTES} minutes`),
  }),
]);

/** The Run history page's schedule control: an interval in minutes, or back to the inventory's. */
export async function setScheduleAction(_previous: ScheduleFormState, form: FormData): Promise<ScheduleFormState> {
  try {
    await requireAdmin({ headers: await headers() });
    const parsed = formSchema.safeParse({ mode: form.get("mode"), minutes: form.get("minutes") });
    if (!parsed.success) return { error: `schedule: ${parsed.error.issues[0]?.message ?? "invalid"}` };
    setScheduleMinutes(parsed.data.mode === "set" ? parsed.data.minutes : null);
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
  revalidatePath("/runs");
  return { error: null };
}
