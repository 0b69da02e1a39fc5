import { NextResponse, type NextRequest } from "next/server";
import { guessBlockedForMs, recordGuessFailure } from "./lib/server/guess-limiter";
import { isSameOrigin } from "./lib/server/same-origin";
import { requestSource } from "./lib/server/source-address";
import { adminToken, constantTimeEqual, SESSION_COOKIE, verifySession } from "./lib/server/session-token";

const PUBLIC = [/^\/login$/, /^\/api\/login$/, /^\/api\/health$/, /^\/share\/[^/]+/, /^\/api\/share\/[^/]+/];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function deny(request: NextRequest, status: 401 | 403, message: string): NextResponse {
  if (request.nextUrl.pathname.startsWith("/api/"))
    return NextResponse.json({ error: status === 401 ? "unauthorized" : "forbidden", message }, { status });
  // Built on the Host the browser used: Next's request.url names its own bind address.
  const next = request.nextUrl.pathname + request.nextUrl.search;
  const login = new URL(
    `/login?${new URLSearchParams({ next })}`,
    `${request.nextUrl.protocol}//${request.headers.get("host") ?? request.nextUrl.host}`,
  );
  return NextResponse.redirect(login, 303);
}

function tooMany(blockedMs: number): NextResponse {
  const response = NextResponse.json({ error: "rate_limited", message: "too many wrong tokens; try again later" }, { status: 429 });
  response.headers.set("Retry-After", String(Math.ceil(blockedMs / 1000)));
  return response;
}

/** Bearer guesses count against the same per-source budget as the login form. */
async function checkBearer(request: NextRequest, bearer: string, token: string): Promise<NextResponse> {
  const source = requestSource(request.headers);
  const blockedMs = guessBlockedForMs(source);
  if (blockedMs > 0) return tooMany(blockedMs);
  if (await constantTimeEqual(bearer, token)) return NextResponse.next();
  recordGuessFailure(source);
  return deny(request, 401, "invalid token");
}

/** Every page and API route needs the admin token, except share links, login and health. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (PUBLIC.some((re) => re.test(request.nextUrl.pathname))) return NextResponse.next();
  const token = adminToken();
  if (!token) return deny(request, 401, "no admin token configured");
  const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (bearer !== undefined) return checkBearer(request, bearer, token);
  if (!(await verifySession(token, request.cookies.get(SESSION_COOKIE)?.value))) return deny(request, 401, "login required");
  // Cookie-authenticated writes must come from our own pages (CSRF).
  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request.headers)) return deny(request, 403, "cross-site request refused");
  return NextResponse.next();
}

export const config = {
  // Static assets (public/) are the same for everyone and hold nothing of the fleet.
  matcher: ["/((?!_next/static|_next/image|favicon\\.svg$).*)"],
};
