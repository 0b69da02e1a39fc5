import { NextResponse, type NextRequest } from "next/server";
import { checkAdmin } from "./lib/server/admin-auth";
import { checkMetricsAccess, METRICS_PATH } from "./lib/server/metrics-auth";
import { browserOrigin, servedOverHttps } from "./lib/server/public-url";
import { contentSecurityPolicy, EXPORT_CSP, isHtmlExport, newNonce, securityHeaders } from "./lib/server/security-headers";

// Exact routes: a prefix match would let "/share/x/anything" or "/api/loginx" past the check.
const PUBLIC = [
  /^\/login$/,
  /^\/api\/login$/,
  /^\/api\/health$/,
  /^\/share\/[^/]+$/,
  /^\/api\/share\/[^/]+(?:\/export)?$/,
  // A user probe's script, targets and upload: the second public exception, guarded by its token alone.
  /^\/api\/user-probe\/[^/]+\/(?:script\.sh|script\.ps1|targets|results)$/,
];

function deny(request: NextRequest, status: 401 | 403, message: string): NextResponse {
  if (request.nextUrl.pathname.startsWith("/api/") || request.nextUrl.pathname === METRICS_PATH)
    return NextResponse.json(
      { error: status === 401 ? "unauthorized" : "forbidden", message },
      { status, headers: { "Cache-Control": "no-store" } },
    );
  // Built on the origin the browser used (the public URL, else Host): Next's request.url names its own bind address.
  const next = request.nextUrl.pathname + request.nextUrl.search;
  const login = new URL(
    `/login?${new URLSearchParams({ next })}`,
    browserOrigin(request.headers, request.nextUrl.protocol, request.nextUrl.host),
  );
  return NextResponse.redirect(login, 303);
}

function tooMany(message: string, retryAfterS: number): NextResponse {
  return NextResponse.json(
    { error: "rate_limited", message },
    { status: 429, headers: { "Retry-After": String(retryAfterS), "Cache-Control": "no-store" } },
  );
}

/** Next takes the nonce for its own scripts from the request's CSP header. */
function pass(request: NextRequest, csp: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  return NextResponse.next({ request: { headers } });
}

async function decide(request: NextRequest, csp: string): Promise<NextResponse> {
  if (PUBLIC.some((re) => re.test(request.nextUrl.pathname))) return pass(request, csp);
  // A scraper gets a status, not a login page; the metrics token opens /metrics and nothing else.
  const metrics = request.nextUrl.pathname === METRICS_PATH;
  const check = metrics ? await checkMetricsAccess(request) : await checkAdmin(request);
  if (check.ok) return pass(request, csp);
  if (check.status === 429) return tooMany(check.message, check.retryAfterS);
  return deny(request, check.status, check.message);
}

/**
 * Every page and API route needs the admin token, except share links, user-probe scripts and uploads
 * (their token is their guard), login and health; every response gets the security headers.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const csp = contentSecurityPolicy(newNonce(), process.env.NODE_ENV === "development");
  const response = await decide(request, csp);
  const policy = isHtmlExport(request.nextUrl) ? EXPORT_CSP : csp;
  for (const [name, value] of Object.entries(securityHeaders(policy, servedOverHttps(request.nextUrl.protocol))))
    response.headers.set(name, value);
  return response;
}

export const config = {
  // Static assets (public/) are the same for everyone and hold nothing of the fleet.
  matcher: ["/((?!_next/static|_next/image|favicon\\.svg$).*)"],
};
