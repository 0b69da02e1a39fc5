import { NextResponse, type NextRequest } from "next/server";
import { handle } from "@/lib/server/http-errors";
import { requireAdmin } from "@/lib/server/require-admin";
import { endAllSessions } from "@/lib/server/session-generation";
import { SESSION_COOKIE } from "@/lib/server/session-token";

/** Ends every session, not just this browser's: a copied cookie must not outlive the sign-out. */
export const POST = handle(async (request: NextRequest) => {
  await requireAdmin(request);
  endAllSessions();
  const response = new NextResponse(null, { status: 303, headers: { Location: "/login" } });
  response.cookies.delete(SESSION_COOKIE);
  return response;
});
