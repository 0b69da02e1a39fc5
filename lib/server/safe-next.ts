// Resolved against a base no request can name, so only a same-origin path survives.
const BASE = "http://rerun-doctor.invalid";

/**
 * Where to go after login: a path and query of this site, else "/". Parsed the way a browser
 * will parse the Location header (tabs and newlines dropped, backslashes as slashes, dot segments
 * resolved), so what passes here cannot turn into another origin there.
 */
export function safeNext(next: string | undefined | null): string {
  if (!next) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = url.pathname + url.search;
  // "/.//evil" resolves to the path "//evil", which a browser reads as a host.
  return path.startsWith("//") ? "/" : path;
}
