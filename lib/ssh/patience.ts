import type { Readable } from "node:stream";
import { PACE_FLOOR_MS, PACE_SCALE } from "./banner-pace";

/**
 * How long to wait for a host that is slow, not dead. Silence is what ends a wait, never total
 * time: each budget is a floor, raised by what was measured of the same host a step earlier,
 * and doubled on the one retry a timeout earns (the banner's excepted, see bannerWaitMs).
 */
export const BANNER_FLOOR_MS = 3000;
export const IDLE_FLOOR_MS = 3000;
const IDLE_CEILING_MS = 30_000;

/** 1 for the first attempt, 2 for the retry after a timeout. */
export type Attempt = 1 | 2;

const budget = (floor: number, scale: number, measuredMs: number | null, attempt: Attempt): number =>
  Math.round(Math.min(IDLE_CEILING_MS, Math.max(floor, scale * (measuredMs ?? 0))) * attempt);

/**
 * Time for sshd's banner after TCP connected: it forks and speaks first. Once the fleet's pace is
 * known (`BannerPace`), ten of its usual banners (at least PACE_FLOOR_MS); before, the floor. The
 * retry's connection waits as long as the first, not twice: it is for an sshd that dropped or
 * throttled (MaxStartups) the first connection; one that never speaks is not coaxed by waiting.
 */
export function bannerWaitMs(tcpMs: number | null, _attempt: Attempt, fleetTypicalMs: number | null = null): number {
  if (fleetTypicalMs === null) return budget(BANNER_FLOOR_MS, 10, tcpMs, 1);
  const paced = Math.max(PACE_FLOOR_MS, 10 * (tcpMs ?? 0), PACE_SCALE * fleetTypicalMs);
  return Math.round(Math.min(IDLE_CEILING_MS, paced));
}

/** Silence allowed during key exchange and login, from how long the banner took. */
export const loginIdleMs = (bannerMs: number | null, attempt: Attempt): number => budget(IDLE_FLOOR_MS, 10, bannerMs, attempt);

/**
 * Silence allowed from a running command, from how long the login took: both cost the host CPU,
 * and on a saturated lab no step of the collect was silent for more than three logins.
 */
export const COMMAND_IDLE_SCALE = 5;
export const commandIdleMs = (loginMs: number | null, attempt: Attempt): number =>
  budget(IDLE_FLOOR_MS, COMMAND_IDLE_SCALE, loginMs, attempt);

/** What was measured of one SSH login, in ms; null where the step was not reached. */
export interface SessionTimings {
  readonly tcpMs: number | null;
  readonly bannerMs: number | null;
  readonly loginMs: number | null;
}

export const NO_TIMINGS: SessionTimings = { tcpMs: null, bannerMs: null, loginMs: null };

/**
 * setTimeout whose callback runs only after I/O already queued was handled: when our own event loop
 * was late, a connect or a banner that arrived meanwhile wins over the timeout. Returns the cancel.
 */
export function afterIo(ms: number, onTimeout: () => void): () => void {
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(onTimeout);
  }, ms);
  return () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}

/** Calls `onSilence` once nothing was heard for `idleMs`; our own event-loop lag is never the host's silence (afterIo). */
export function silenceWatch(idleMs: number, onSilence: (silentMs: number) => void): { heard(): void; stop(): void } {
  let last = performance.now();
  let cancel = (): void => undefined;
  let stopped = false;
  const arm = (ms: number): void => {
    cancel = afterIo(ms, () => {
      if (stopped) return;
      const silent = performance.now() - last;
      if (silent >= idleMs) onSilence(Math.round(silent));
      else arm(idleMs - silent);
    });
  };
  arm(idleMs);
  return {
    heard: () => void (last = performance.now()),
    stop() {
      stopped = true;
      cancel();
    },
  };
}

/**
 * Calls `onBytes` whenever `stream` receives data, without consuming it: ssh2 attaches its own
 * 'data' listener later, and a listener of ours would start the flow before it. Returns the undo.
 */
export function observeIncoming(stream: Readable, onBytes: () => void): () => void {
  const original = stream.push;
  stream.push = function push(this: Readable, chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk !== null) onBytes();
    return original.call(this, chunk, encoding);
  };
  return () => void (stream.push = original);
}
