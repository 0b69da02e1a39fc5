import "server-only";

const WINDOW_MS = 60_000;
const MAX_FAILURES = 10;
const KEY = Symbol.for("rerun-doctor.login-failures");
type Holder = { [KEY]?: number[] };

/** One budget for everyone: client addresses can be spoofed, the budget cannot. */
export function loginBlockedForMs(now = Date.now()): number {
  const holder = globalThis as Holder;
  const recent = (holder[KEY] ?? []).filter((t) => now - t < WINDOW_MS);
  holder[KEY] = recent;
  return recent.length >= MAX_FAILURES ? WINDOW_MS - (now - recent[0]!) : 0;
}

export function recordLoginFailure(now = Date.now()): void {
  const holder = globalThis as Holder;
  (holder[KEY] ??= []).push(now);
}
