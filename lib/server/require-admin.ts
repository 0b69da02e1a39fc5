import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "../common/app-error";
import { checkAdmin } from "./admin-auth";

const CODES = { 401: "unauthorized", 403: "forbidden", 429: "rate_limited" } as const;

/**
 * Route handlers check the admin again after proxy.ts: a path-matching slip in the proxy (or in
 * Next, as CVE-2025-29927 was) must not open the fleet's data. Throws an AppError for handle().
 */
export async function requireAdmin(request: { readonly method?: string; readonly headers: Headers }): Promise<"bearer" | "session"> {
  const check = await checkAdmin(request);
  if (!check.ok) throw new AppError(CODES[check.status], check.message);
  return check.via;
}

/** Pages and the server action: same check, on the request Next is rendering; pages go to login. */
export async function requireAdminPage(): Promise<void> {
  if (!(await checkAdmin({ headers: await headers() })).ok) redirect("/login");
}
