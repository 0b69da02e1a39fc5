import { NextResponse } from "next/server";
import { SESSION_COOKIE } from "@/lib/server/session-token";

export function POST(): NextResponse {
  const response = new NextResponse(null, { status: 303, headers: { Location: "/login" } });
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
