/** A fresh nonce per response, for the scripts Next inlines into every page. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Scripts only with this response's nonce (and what they load, 'strict-dynamic'); nothing may frame
 * the app. Styles allow inline: React's style attributes cannot carry a nonce, and CSS runs no code.
 * Next's dev server evaluates code, so development alone adds 'unsafe-eval'.
 */
export function contentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The offline HTML export loads nothing: no scripts, no fetches, no images but data:, no forms. */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
const HTML_EXPORT = /^\/api\/(?:runs|share)\/[^/]+\/export$/;

/** The HTML export gets its own policy on the response: the proxy's would otherwise replace the route's. */
export const isHtmlExport = (url: URL): boolean => HTML_EXPORT.test(url.pathname) && url.searchParams.get("format") === "html";

/**
 * On every response. Referrer-Policy is same-origin, not no-referrer: with no-referrer, browsers
 * send "Origin: null" on our own form posts and the CSRF check would refuse the login.
 */
export function securityHeaders(csp: string, https: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
