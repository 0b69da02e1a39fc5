import { publicOrigin } from "./public-url";

/**
 * CSRF check for cookie-authenticated writes: the browser's Origin must name this server, that is
 * RERUN_DOCTOR_PUBLIC_URL when set (a proxy may rewrite Host), else the Host header.
 * (Next's nextUrl.origin reflects its own bind name, not what the browser used.)
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return headers.get("sec-fetch-site") === "same-origin";
  const expected = publicOrigin();
  try {
    if (expected) return new URL(origin).origin === expected;
    const host = headers.get("host");
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
