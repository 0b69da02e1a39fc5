import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { isSameOrigin } from "@/lib/server/same-origin";
import { guessBlockedForMs, recordGuessFailure } from "@/lib/server/guess-limiter";
import { servedOverHttps } from "@/lib/server/public-url";
import { safeNext } from "@/lib/server/safe-next";
import { requestSource } from "@/lib/server/source-address";
import { adminToken, constantTimeEqual, issueSession, SESSION_COOKIE, SESSION_MAX_AGE_S } from "@/lib/server/session-token";

const loginForm = z.object({ token: z.string().max(512), next: z.string().max(2048).optional() });

function back(error: string, next: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: `/login?${new URLSearchParams({ error, next })}` } });
}

export async function POST(request: NextRequest): Promise<NextResponse> {
  if (!isSameOrigin(request.headers))
    return NextResponse.json({ error: "forbidden", message: "cross-site login refused" }, { status: 403 });
  const parsed = loginForm.safeParse(Object.fromEntries(await request.formData()));
  const next = safeNext(parsed.success ? parsed.data.next : undefined);
  const source = requestSource(request.headers);
  const blockedMs = guessBlockedForMs(source);
  if (blockedMs > 0) {
    const response = back("rate", next);
    response.headers.set("Retry-After", String(Math.ceil(blockedMs / 1000)));
    return response;
  }
  const token = adminToken();
  if (!token || !parsed.success || !(await constantTimeEqual(parsed.data.token.trim(), token))) {
    recordGuessFailure(source);
    return back("invalid", next);
  }
  const response = new NextResponse(null, { status: 303, headers: { Location: next } });
  response.cookies.set(SESSION_COOKIE, await issueSession(token), {
    httpOnly: true,
    sameSite: "strict",
    secure: servedOverHttps(request.nextUrl.protocol),
    path: "/",
    maxAge: SESSION_MAX_AGE_S,
  });
  return response;
}
