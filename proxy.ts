import { NextResponse, type NextRequest } from "next/server";
import { checkAdmin } from "./lib/server/admin-auth";

// Exact routes: a prefix match would let "/share/x/anything" or "/api/loginx" past the check.
const PUBLIC = [/^\/login$/, /^\/api\/login$/, /^\/api\/health$/, /^\/share\/[^/]+$/, /^\/api\/share\/[^/]+(?:\/export)?$/];

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

function tooMany(message: string, retryAfterS: number): NextResponse {
  return NextResponse.json({ error: "rate_limited", message }, { status: 429, headers: { "Retry-After": String(retryAfterS) } });
}

/** Every page and API route needs the admin token, except share links, login and health. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (PUBLIC.some((re) => re.test(request.nextUrl.pathname))) return NextResponse.next();
  const check = await checkAdmin(request);
  if (check.ok) return NextResponse.next();
  return check.status === 429 ? tooMany(check.message, check.retryAfterS) : deny(request, check.status, check.message);
}

export const config = {
  // Static assets (public/) are the same for everyone and hold nothing of the fleet.
  matcher: ["/((?!_next/static|_next/image|favicon\\.svg$).*)"],
};
