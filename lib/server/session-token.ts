/** Web Crypto only: imported by proxy.ts as well as by route handlers. */
export const SESSION_COOKIE = "rd_session";
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

const encoder = new TextEncoder();

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function hmac(key: string, message: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toHex(await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(message)));
}

/** Compares through HMACs of both sides, so timing says nothing about the secret. */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const nonce = toHex(crypto.getRandomValues(new Uint8Array(16)).buffer as ArrayBuffer);
  const [x, y] = await Promise.all([hmac(nonce, a), hmac(nonce, b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x.charCodeAt(i) ^ y.charCodeAt(i);
  return diff === 0 && x.length === y.length;
}

const GENERATION = Symbol.for("rerun-doctor.session-generation");
type Holder = { [GENERATION]?: string };

/** Sessions are signed with it; signing out replaces it (session-generation.ts), which ends them all. */
export function sessionGeneration(): string {
  return (globalThis as Holder)[GENERATION] ?? "0";
}

export function setSessionGeneration(generation: string): void {
  (globalThis as Holder)[GENERATION] = generation;
}

function sessionMessage(expiry: number): string {
  return `rerun-doctor session v2 ${sessionGeneration()} ${expiry}`;
}

/** A session value `expiry.mac`: void when the admin token changes or the admin signs out. */
export async function issueSession(adminToken: string, now = Date.now()): Promise<string> {
  const expiry = Math.floor(now / 1000) + SESSION_MAX_AGE_S;
  return `${expiry}.${await hmac(adminToken, sessionMessage(expiry))}`;
}

export async function verifySession(adminToken: string, value: string | undefined, now = Date.now()): Promise<boolean> {
  const [expiryText = "", mac = ""] = (value ?? "").split(".");
  const expiry = Number(expiryText);
  if (!Number.isSafeInteger(expiry) || expiry * 1000 < now) return false;
  return constantTimeEqual(mac, await hmac(adminToken, sessionMessage(expiry)));
}

/** An operator's token must be at least this long: Bearer guesses are limited per source, not in total. */
export const MIN_TOKEN_LENGTH = 32;

/** The admin token; null (everything refused) when unset or too short to be one. */
export function adminToken(): string | null {
  const token = process.env.RERUN_DOCTOR_TOKEN?.trim();
  return token && token.length >= MIN_TOKEN_LENGTH ? token : null;
}
