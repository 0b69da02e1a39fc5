/**
 * RERUN_DOCTOR_PUBLIC_URL: the origin browsers use (e.g. https://doctor.example.com) when a reverse
 * proxy stands in front and rewrites Host or ends TLS. Null when unset; throws when it is no origin.
 */
export function publicOrigin(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const text = env.RERUN_DOCTOR_PUBLIC_URL?.trim();
  if (!text) return null;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.pathname !== "/" || url.search || url.username)
    throw new Error(`RERUN_DOCTOR_PUBLIC_URL must be an origin like https://doctor.example.com, not ${JSON.stringify(text.slice(0, 100))}`);
  return url.origin;
}

/** The origin as this request's browser sees it: the public URL when set, else scheme and Host. */
export function browserOrigin(headers: Headers, protocol: string, fallbackHost: string): string {
  return publicOrigin() ?? `${protocol.replace(/:$/, "")}://${headers.get("host") ?? fallbackHost}`;
}

/** Whether the browser reaches us over TLS: then cookies are Secure and HSTS is sent. */
export function servedOverHttps(protocol: string): boolean {
  const origin = publicOrigin();
  return origin ? origin.startsWith("https:") : protocol === "https:";
}

/** Loopback binds need no TLS; anything wider sends the token and cookie in cleartext without it. */
export function plainHttpWarning(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const host = env.HOST?.trim() || "127.0.0.1";
  const loopback = host === "localhost" || host === "::1" || /^127\./.test(host);
  if (loopback || publicOrigin(env)?.startsWith("https:")) return null;
  return `rerun-doctor: warning: listening on ${host} over plain HTTP; put a TLS proxy in front and set RERUN_DOCTOR_PUBLIC_URL=https://…\n`;
}
