import { guessBlockedForMs, recordGuessFailure } from "./guess-limiter";
import { isSameOrigin } from "./same-origin";
import { requestSource } from "./source-address";
import { adminToken, constantTimeEqual, SESSION_COOKIE, verifySession } from "./session-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type AdminCheck =
  | { readonly ok: true; readonly via: "bearer" | "session" }
  | { readonly ok: false; readonly status: 401 | 403; readonly message: string }
  | { readonly ok: false; readonly status: 429; readonly message: string; readonly retryAfterS: number };

function sessionCookie(headers: Headers): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=");
  }
  return undefined;
}

/**
 * Is this request the admin's? The one check behind proxy.ts, route handlers, pages and the server
 * action. Without `method` (pages, server actions) no CSRF check is made: Next checks an action's
 * Origin itself, and pages only read.
 */
export async function checkAdmin(request: { readonly method?: string; readonly headers: Headers }): Promise<AdminCheck> {
  const token = adminToken();
  if (!token) return { ok: false, status: 401, message: "no admin token configured" };
  const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (bearer !== undefined) {
    const source = requestSource(request.headers);
    const blockedMs = guessBlockedForMs(source);
    if (blockedMs > 0)
      return { ok: false, status: 429, message: "too many wrong tokens; try again later", retryAfterS: Math.ceil(blockedMs / 1000) };
    if (await constantTimeEqual(bearer, token)) return { ok: true, via: "bearer" };
    recordGuessFailure(source);
    return { ok: false, status: 401, message: "invalid token" };
  }
  if (!(await verifySession(token, sessionCookie(request.headers)))) return { ok: false, status: 401, message: "login required" };
  // Cookie-authenticated writes must come from our own pages (CSRF).
  if (request.method && !SAFE_METHODS.has(request.method) && !isSameOrigin(request.headers))
    return { ok: false, status: 403, message: "cross-site request refused" };
  return { ok: true, via: "session" };
}
