const WINDOW_MS = 60_000;
const MAX_FAILURES = 10;
// Beyond this many sources the oldest is forgotten: memory stays bounded under a spray of addresses.
const MAX_SOURCES = 10_000;
const KEY = Symbol.for("rerun-doctor.guess-failures");
type Holder = { [KEY]?: Map<string, number[]> };

function failures(): Map<string, number[]> {
  return ((globalThis as Holder)[KEY] ??= new Map());
}

/**
 * How long `source` must wait before its next login or Bearer attempt; 0 when it may try now.
 * One budget per source, so someone guessing elsewhere never locks the admin out.
 */
export function guessBlockedForMs(source: string, now = Date.now()): number {
  const all = failures();
  const recent = (all.get(source) ?? []).filter((t) => now - t < WINDOW_MS);
  if (recent.length === 0) all.delete(source);
  else all.set(source, recent);
  return recent.length >= MAX_FAILURES ? WINDOW_MS - (now - recent[0]!) : 0;
}

/** A wrong admin token from `source`, by login form or Bearer header alike. */
export function recordGuessFailure(source: string, now = Date.now()): void {
  const all = failures();
  const list = all.get(source) ?? [];
  all.delete(source);
  all.set(source, [...list.slice(1 - MAX_FAILURES), now]);
  if (all.size > MAX_SOURCES) all.delete(all.keys().next().value!);
}
