/** Requests to the public user-probe endpoints per source address a minute, any token or none. */
export const SOURCE_LIMIT = 60;
/** Uploads per probe request an hour: a user runs it again after a fix, not in a loop. */
export const TOKEN_UPLOAD_LIMIT = 12;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
// Beyond this many keys the oldest is forgotten, so a spray of addresses cannot grow memory.
const MAX_KEYS = 10_000;

/** Sliding-window counters in memory; `take` answers how long to wait (0: allowed, and counted). */
export class WindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.hits.delete(key);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return this.windowMs - (now - recent[0]!);
    }
    this.hits.set(key, [...recent, now]);
    if (this.hits.size > MAX_KEYS) this.hits.delete(this.hits.keys().next().value!);
    return 0;
  }
}

const KEY = Symbol.for("rerun-doctor.user-probe-limits");
type Holder = { [KEY]?: { bySource: WindowLimiter; byToken: WindowLimiter } };

/** One pair of limiters per server process. */
export function userProbeLimits(): { bySource: WindowLimiter; byToken: WindowLimiter } {
  return ((globalThis as Holder)[KEY] ??= {
    bySource: new WindowLimiter(SOURCE_LIMIT, MINUTE_MS),
    byToken: new WindowLimiter(TOKEN_UPLOAD_LIMIT, HOUR_MS),
  });
}
