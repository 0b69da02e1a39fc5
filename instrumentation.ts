/**
 * Runs once when the server starts: the admin token must exist, and requests carry their source, before the first request.
 * The fleet's schedule (if any) starts here, so it resumes after a restart without waiting for a visit.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/server/ensure-admin-token")).ensureAdminToken();
  (await import("./lib/server/check-public-url")).checkPublicUrl();
  (await import("./lib/server/session-generation")).loadSessionGeneration();
  (await import("./lib/server/stamp-source")).stampRequestSources();
  (await import("./lib/server/metrics-auth")).warnAboutMetricsToken();
  (await import("./lib/server/watch/scheduler")).startScheduler();
}
