/** Runs once when the server starts: the admin token must exist before the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/server/ensure-admin-token").then((m) => m.ensureAdminToken());
}
