/**
 * CSRF check for cookie-authenticated writes: the browser's Origin must name this server's Host.
 * (Next's nextUrl.origin reflects its own bind name, not what the browser used.)
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = headers.get("host");
  if (!origin) return headers.get("sec-fetch-site") === "same-origin";
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
