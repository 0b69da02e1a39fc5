import type { BannerPace } from "../ssh/banner-pace";
import type { SshSettings, Target } from "../inventory/types";
import type { PortRange } from "../common/ports";
import { commandIdleMs, type Attempt } from "../ssh/patience";
import { openSession } from "../ssh/open-session";
import type { ExecResult, SshSession } from "../ssh/types";
import { CollectParseError, parseCollectOutput, stepMarks } from "./parse";
import { COLLECT_SCRIPT } from "./script";
import { stepTimings } from "./step-timings";
import type { CollectOutcome, CollectTimings } from "./types";

/** Output beyond this is a misbehaving host, not facts: the read stops and the run goes on. */
export const MAX_OUTPUT_BYTES = 512 * 1024;

export interface CollectOptions {
  readonly ports: readonly PortRange[];
  readonly signal?: AbortSignal;
  /** The run's fleet banner pace (lib/ssh/banner-pace.ts). */
  readonly pace?: BannerPace;
  /** Runs on the same session after a successful collect (host-checks.ts), with the command's silence budget. */
  readonly afterCollect?: (session: SshSession, idleMs: number, collected: Collected) => Promise<void>;
}

export type Collected = Extract<CollectOutcome, { kind: "collected" }>;

type Attempted = { readonly outcome: CollectOutcome; readonly timedOut: string | null };

/** The last step whose mark arrived: where a command that went silent was stuck. */
function lastStep(result: ExecResult): string {
  const marks = stepMarks(result.stdout);
  return marks.at(-1)?.name ?? "start";
}

function timeoutWords(result: ExecResult, idleMs: number, ssh: SshSettings): string {
  const read = `${result.stdout.length} bytes read`;
  return result.timedOut === "idle"
    ? `the collect command went silent for ${idleMs} ms during its "${lastStep(result)}" step (${read})`
    : `the collect command was still running after ${ssh.commandTimeoutMs} ms (ssh.commandTimeoutMs), in its "${lastStep(result)}" step ` +
        `(${read})`;
}

async function collectOnce(
  session: SshSession,
  fingerprint: string,
  ssh: SshSettings,
  idleMs: number,
  options: CollectOptions,
  base: CollectTimings,
): Promise<Attempted> {
  const result = await session.exec("sh -s", {
    stdin: COLLECT_SCRIPT,
    timeoutMs: ssh.commandTimeoutMs,
    idleTimeoutMs: idleMs,
    maxBytes: MAX_OUTPUT_BYTES,
  });
  const timings: CollectTimings = {
    ...base,
    commandMs: result.durationMs,
    idleBudgetMs: idleMs,
    steps: stepTimings(stepMarks(result.stdout), result.arrivals, result.durationMs),
  };
  const retry = base.retried === null ? "" : `; retried once with doubled patience after the first attempt timed out: ${base.retried}`;
  const failed = (message: string): CollectOutcome => ({
    kind: "collect-failed",
    hostKeyFingerprint: fingerprint,
    message: message + retry,
    durationMs: 0,
    timings,
  });
  if (result.timedOut) {
    const words = timeoutWords(result, idleMs, ssh);
    return { outcome: failed(words), timedOut: words };
  }
  // The script prints far less than the bound: more is a host that floods, and facts from it are not trusted.
  if (result.truncated) {
    return {
      outcome: failed(
        `the client printed more than ${MAX_OUTPUT_BYTES / 1024} KB (${MAX_OUTPUT_BYTES} bytes); the read stopped there and the session ` +
          `was closed`,
      ),
      timedOut: null,
    };
  }
  if (result.channelError !== undefined) {
    return {
      outcome: failed(
        `the connection dropped before the collect command finished (${result.stdout.length} bytes read): ${result.channelError}`,
      ),
      timedOut: null,
    };
  }
  try {
    const inRange = (port: number) => options.ports.some((r) => port >= r.from && port <= r.to);
    const facts = parseCollectOutput(result.stdout, inRange);
    return { outcome: { kind: "collected", hostKeyFingerprint: fingerprint, facts, durationMs: 0, timings }, timedOut: null };
  } catch (error) {
    if (!(error instanceof CollectParseError)) throw error;
    return { outcome: failed(error.message), timedOut: null };
  }
}

/** `first` is what the first attempt measured: the retry's own login is slowed by the retry's cause. */
async function attempt(target: Target, ssh: SshSettings, options: CollectOptions, n: Attempt, first: Attempted | null): Promise<Attempted> {
  const retried = first?.timedOut ?? null;
  const opened = await openSession(target, ssh, { signal: options.signal, attempt: n, basis: first?.outcome.timings, pace: options.pace });
  const base: CollectTimings = { ...opened.timings, attempts: n, retried, commandMs: null, idleBudgetMs: null, steps: [] };
  if (!opened.ok) {
    const timedOut = opened.failure.kind === "handshake-timeout" ? opened.failure.message : null;
    return { outcome: { kind: "session-failed", failure: opened.failure, durationMs: 0, timings: base }, timedOut };
  }
  try {
    const loginMs = first?.outcome.timings?.loginMs ?? opened.timings.loginMs;
    const idleMs = commandIdleMs(loginMs, n);
    const done = await collectOnce(opened.session, opened.hostKeyFingerprint, ssh, idleMs, options, base);
    if (done.outcome.kind === "collected" && options.afterCollect) await options.afterCollect(opened.session, idleMs, done.outcome);
    return done;
  } finally {
    opened.session.end();
  }
}

/**
 * One SSH session, one command, one round trip: everything `outer` reads on this client. A client
 * that went silent (a login or the command) gets one retry with doubled patience: busy is not hung.
 */
export async function collectClient(target: Target, ssh: SshSettings, options: CollectOptions): Promise<CollectOutcome> {
  const started = performance.now();
  const first = await attempt(target, ssh, options, 1, null);
  const final = first.timedOut === null ? first : await attempt(target, ssh, options, 2, first);
  return { ...final.outcome, durationMs: Math.round(performance.now() - started) };
}
