import { checkAdmin, type AdminCheck } from "./admin-auth";
import { guessBlockedForMs } from "./guess-limiter";
import { requestSource } from "./source-address";
import { constantTimeEqual, MIN_TOKEN_LENGTH } from "./session-token";

export const METRICS_PATH = "/metrics";

/** RERUN_DOCTOR_METRICS_TOKEN: read-only, good for /metrics and nothing else; null when unset or too short. */
export function metricsToken(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const token = env.RERUN_DOCTOR_METRICS_TOKEN?.trim();
  return token && token.length >= MIN_TOKEN_LENGTH ? token : null;
}

/**
 * /metrics takes the metrics token or anything the admin check takes. Wrong Bearer tokens count
 * against the same per-source guess budget as the admin's (checkAdmin records them).
 */
export async function checkMetricsAccess(request: { readonly method?: string; readonly headers: Headers }): Promise<AdminCheck> {
  const token = metricsToken();
  const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (token && bearer !== undefined && guessBlockedForMs(requestSource(request.headers)) === 0 && (await constantTimeEqual(bearer, token)))
    return { ok: true, via: "bearer" };
  return checkAdmin(request);
}

/** Printed at start: a metrics token too short to be one is ignored, not silently accepted. */
export function metricsTokenWarning(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const token = env.RERUN_DOCTOR_METRICS_TOKEN?.trim();
  if (!token || token.length >= MIN_TOKEN_LENGTH) return null;
  return `rerun-doctor: warning: RERUN_DOCTOR_METRICS_TOKEN has ${token.length} characters (needs ${MIN_TOKEN_LENGTH}); ignored\n`;
}

export function warnAboutMetricsToken(): void {
  const warning = metricsTokenWarning();
  if (warning) process.stderr.write(warning);
}
