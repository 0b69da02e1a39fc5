"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isAppError } from "@/lib/common/app-error";
import { requireAdmin } from "@/lib/server/require-admin";
import { startRun } from "@/lib/server/run-manager";

export interface StartRunState {
  readonly error: string | null;
}

/** The Run button: a form action, so it works before hydration and without JavaScript. */
export async function startRunAction(_previous: StartRunState, _form: FormData): Promise<StartRunState> {
  let id: string;
  try {
    await requireAdmin({ headers: await headers() });
    id = startRun("ui").id;
  } catch (error) {
    if (isAppError(error)) return { error: [error.message, ...error.problems].join("\n") };
    throw error;
  }
  redirect(`/?run=${id}`);
}
