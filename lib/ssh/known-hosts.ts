import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { keyTypeOf } from "./fingerprint";

/** One usable known_hosts line; malformed lines and unknown markers are dropped. */
export interface KnownHostEntry {
  readonly line: number;
  readonly revoked: boolean;
  /** A `@cert-authority` line: its key signs host certificates and is never a host key itself. */
  readonly certAuthority: boolean;
  readonly hosts:
    | { readonly kind: "hashed"; readonly salt: Buffer; readonly hash: Buffer }
    | { readonly kind: "patterns"; readonly patterns: readonly string[] };
  readonly keyType: string;
  readonly key: Buffer;
}

export type KnownHostStatus =
  | { readonly status: "match" }
  /** `certAuthorityLines`: the host's `@cert-authority` lines, which ssh2 cannot use (no host certificates). */
  | { readonly status: "unknown"; readonly certAuthorityLines: readonly number[] }
  | { readonly status: "mismatch"; readonly known: readonly Buffer[]; readonly revoked: boolean };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeBase64(text: string): Buffer | null {
  return BASE64.test(text) ? Buffer.from(text, "base64") : null;
}

function parseHosts(field: string): KnownHostEntry["hosts"] | null {
  if (field.startsWith("|1|")) {
    const [salt, hash] = field.slice(3).split("|").map(decodeBase64);
    if (!salt || !hash || salt.length !== 20 || hash.length !== 20) return null;
    return { kind: "hashed", salt, hash };
  }
  const patterns = field.split(",").filter((p) => p !== "");
  return patterns.length > 0 ? { kind: "patterns", patterns } : null;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === "" || fields[0]?.startsWith("#")) return;
    const marker = fields[0]?.startsWith("@") ? fields.shift() : undefined;
    if (marker !== undefined && marker !== "@revoked" && marker !== "@cert-authority") return;
    const [hostField, keyType, keyText] = fields;
    if (!hostField || !keyType || !keyText) return;
    const hosts = parseHosts(hostField);
    const key = decodeBase64(keyText);
    if (!hosts || !key || keyTypeOf(key) !== keyType) return;
    entries.push({ line: index + 1, revoked: marker === "@revoked", certAuthority: marker === "@cert-authority", hosts, keyType, key });
  });
  return entries;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** OpenSSH's glob: `*` any run of characters, `?` one character, case-insensitive. */
export function matchPattern(name: string, pattern: string): boolean {
  const s = name.toLowerCase();
  const p = pattern.toLowerCase();
  let si = 0,
    pi = 0,
    starP = -1,
    starS = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === "?" || p[pi] === s[si])) {
      si++;
      pi++;
    } else if (pi < p.length && p[pi] === "*") {
      starP = pi++;
      starS = si;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else return false;
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}

/** A negated pattern that matches vetoes the whole line, as in OpenSSH's match_hostname. */
export function entryMatchesHost(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.kind === "hashed") {
    const digest = createHmac("sha1", entry.hosts.salt).update(name).digest();
    return timingSafeEqual(digest, entry.hosts.hash);
  }
  let positive = false;
  for (const pattern of entry.hosts.patterns) {
    const negated = pattern.startsWith("!");
    if (!matchPattern(name, negated ? pattern.slice(1) : pattern)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

const isHostKey = (e: KnownHostEntry): boolean => !e.revoked && !e.certAuthority;

/** Known (non-revoked, non-CA) keys for a host, in file order. */
export function knownKeysFor(entries: readonly KnownHostEntry[], host: string, port: number): Buffer[] {
  const name = knownHostsName(host, port);
  return entries.filter((e) => isHostKey(e) && entryMatchesHost(e, name)).map((e) => e.key);
}

/** A revoked key is refused; any other key differing from the host's known keys is a mismatch. */
export function checkKnownHost(entries: readonly KnownHostEntry[], host: string, port: number, presented: Buffer): KnownHostStatus {
  const name = knownHostsName(host, port);
  const matching = entries.filter((e) => entryMatchesHost(e, name));
  const known = matching.filter(isHostKey).map((e) => e.key);
  if (matching.some((e) => e.revoked && e.key.equals(presented))) {
    return { status: "mismatch", known, revoked: true };
  }
  if (known.some((k) => k.equals(presented))) return { status: "match" };
  if (known.length > 0) return { status: "mismatch", known, revoked: false };
  return { status: "unknown", certAuthorityLines: matching.filter((e) => e.certAuthority).map((e) => e.line) };
}

/** A line as `ssh` with StrictHostKeyChecking=accept-new writes it; `hashed` as with HashKnownHosts yes. */
export function formatKnownHostsLine(host: string, port: number, key: Buffer, hashed = false): string {
  const type = keyTypeOf(key);
  if (!type) throw new Error("malformed host key blob");
  // A host name with separators would write a different (or extra) known_hosts entry.
  if (/[\s,#|!*?]/.test(host) || host === "") throw new Error("host name unfit for known_hosts");
  const name = knownHostsName(host, port);
  if (!hashed) return `${name} ${type} ${key.toString("base64")}`;
  const salt = randomBytes(20);
  const hash = createHmac("sha1", salt).update(name).digest();
  return `|1|${salt.toString("base64")}|${hash.toString("base64")} ${type} ${key.toString("base64")}`;
}
